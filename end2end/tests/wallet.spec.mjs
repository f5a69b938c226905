// The wallet: an animator credits minutes at the counter; the member sees them on a phone.
import { demo, expect, logIn, newContext, newMember, test } from './helpers.mjs';

test('90 minutes credited at the counter show as 90 tic-tac and a chart on the member’s phone', async ({ browser }) => {
  const name = `Inès ${Date.now() % 100000}`;
  const member = await newMember(browser, name);

  const counterContext = await newContext(browser, { viewport: { width: 1024, height: 768 } });
  const counter = await counterContext.newPage();
  await logIn(counter, demo.animator, '**/animation');
  await counter.getByRole('link', { name: 'Comptoir' }).click();
  await counter.getByLabel('Centre', { exact: true }).selectOption({ label: 'Maison de quartier des Ors' });
  // A card scanner types the member number, then Enter: the member opens at once.
  await counter.getByLabel('Membre : nom, n° de membre ou carte scannée').fill(member.login);
  await counter.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await expect(counter.locator('.member-desk h2')).toHaveText(name);
  await expect(counter.locator('.member-balance .wallet-number')).toHaveText('0');

  await counter.getByRole('button', { name: '1 h 30' }).click();
  await counter.getByLabel('Pour quoi (facultatif)').fill('Tri des bocaux');
  await counter.getByRole('button', { name: 'Créditer 90 tic-tac' }).click();
  await expect(counter.locator('.outcome-done')).toContainText(`${name} : +90 tic-tac`);
  await expect(counter.locator('.member-balance .wallet-number')).toHaveText('90');
  await expect(counter.locator('.recent-list li').first()).toContainText('Bénévolat : Tri des bocaux');

  // A jar the balance cannot pay is refused with both figures, and nothing changes.
  const jar = counter.locator('.stock-choices li', { hasText: 'Compote pomme-coing' });
  await counter.getByRole('button', { name: 'Un de plus' }).first().click();
  await counter.getByRole('button', { name: 'Un de plus' }).first().click();
  await counter.getByRole('button', { name: 'Un de plus' }).first().click();
  await jar.getByRole('button', { name: '120 tic-tac' }).click();
  await expect(counter.locator('.outcome-refused')).toHaveText('Solde insuffisant : 90 tic-tac, il en faut 120.');
  await expect(counter.locator('.member-balance .wallet-number')).toHaveText('90');

  // Four jars on deposit, then undone as a mistake, with a reason.
  await jar.getByRole('button', { name: 'Consigne 8,00 €' }).click();
  await expect(counter.locator('.outcome-done')).toContainText(`${name} : +4 en consigne`);
  await expect(counter.locator('.member-balance')).toContainText('4 bocaux en consigne');
  const mistake = counter.locator('.recent-list li').first();
  await expect(mistake).toContainText('4 × Compote pomme-coing (370 ml), consigne 8,00 €');
  await mistake.getByRole('button', { name: 'Annuler' }).click();
  await mistake.getByLabel("Raison de l'annulation").fill('mauvais bocaux');
  await mistake.getByRole('button', { name: "Confirmer l'annulation" }).click();
  await expect(counter.locator('.outcome-done')).toContainText(`${name} : −4 en consigne`);
  await expect(counter.locator('.member-balance')).toContainText('0 bocal en consigne');
  await expect(counter.locator('.recent-list li').first()).toContainText('mauvais bocaux');
  await counterContext.close();

  const phoneContext = await newContext(browser, { viewport: { width: 390, height: 844 }, hasTouch: true });
  const phone = await phoneContext.newPage();
  await logIn(phone, member, (url) => !url.pathname.startsWith('/connexion'));
  await phone.getByRole('link', { name: 'Mon portefeuille' }).click();
  await expect(phone.getByRole('heading', { name: 'Mon portefeuille', level: 1 })).toBeVisible();
  await expect(phone.locator('#balance-heading + .wallet-amount .wallet-number')).toHaveText('90');
  await expect(phone.getByText('soit 1 h 30 de bénévolat')).toBeVisible();
  const line = phone.locator('.history li', { hasText: 'Tri des bocaux' });
  await expect(line).toContainText('Bénévolat : Tri des bocaux');
  await expect(line.locator('.history-change')).toHaveText('+90 tic-tac');
  // The chart: a drawn step line, described for screen readers.
  const chart = phone.getByRole('img', { name: /de 90 à 90 tic-tac/ });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const svg = await (await phone.request.get(await chart.getAttribute('src'))).text();
  expect(svg).toMatch(/<(polygon|polyline|path)\b/);
  const box = await chart.boundingBox();
  expect(box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeGreaterThan(100);
  // The member card: the QR code of the member number, for the counter's scanner.
  await expect(phone.locator('.wallet-card-number')).toHaveText(`n° ${member.login}`);
  const qr = phone.getByRole('img', { name: 'QR code de mon numéro de membre' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
  await phoneContext.close();
});

test('a member sees only their own wallet', async ({ page }) => {
  await logIn(page, demo.producer, '**/producteur/lots');
  await page.goto('/portefeuille');
  await expect(page.getByText("un compte de ferme n'en a pas")).toBeVisible();
  const response = await page.request.get('/api/v1/wallets/1');
  expect(response.status()).toBe(403);
});

test('a long history shows its newest 30 lines, and older ones when asked', async ({ browser }) => {
  const name = `Lucie ${Date.now() % 100000}`;
  const member = await newMember(browser, name);
  // Thirty-five afternoons of sorting jars, recorded at the counter through the API.
  const counterContext = await newContext(browser);
  const counter = await counterContext.newPage();
  await logIn(counter, demo.animator, '**/animation');
  const centres = await (await counter.request.get('/api/v1/centres')).json();
  for (let day = 1; day <= 35; day += 1) {
    const recorded = await counter.request.post('/api/v1/ledger', {
      headers: { 'X-Bocal-Request': '1' },
      data: {
        idempotency_key: `tri-des-bocaux-${member.id}-${day}`,
        operation: { type: 'volunteering', participant_id: member.id, centre_id: centres[0].id, minutes: 10, note: `Tri ${day}` },
      },
    });
    expect(recorded.status()).toBe(201);
  }
  await counterContext.close();

  const phoneContext = await newContext(browser);
  const phone = await phoneContext.newPage();
  await logIn(phone, member, (url) => !url.pathname.startsWith('/connexion'));
  await phone.goto('/portefeuille');
  // Every line counts in the balance, even those not shown yet.
  await expect(phone.locator('#balance-heading + .wallet-amount .wallet-number')).toHaveText('350');
  const lines = phone.locator('.history li');
  await expect(lines).toHaveCount(30);
  await expect(lines.first()).toContainText('Bénévolat : Tri 35');
  await expect(lines.last()).toContainText('Bénévolat : Tri 6');
  await phone.getByRole('button', { name: 'Voir les opérations plus anciennes' }).click();
  await expect(lines).toHaveCount(35);
  await expect(lines.last()).toContainText('Bénévolat : Tri 1');
  await expect(phone.getByRole('button', { name: 'Voir les opérations plus anciennes' })).toHaveCount(0);
  await phoneContext.close();
});
