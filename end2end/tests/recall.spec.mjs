// "Rappeler ce lot" end to end: a jar handed out at the counter from the batch scanned on its
// label, the batch recalled from its page (its holder listed and told), its jars refused at
// the counter, and the jar brought back recorded.
import { collectedLot, demo, expect, logIn, newContext, newMember, recordBatch, test } from './helpers.mjs';

const LES_ORS = 'Maison de quartier des Ors';

test('a batch scanned at the counter is recalled: its holder is told, its jars blocked, the return recorded', async ({ browser }) => {
  const lot = await collectedLot(browser, 'Courges', 6000);
  const name = `Marc ${Date.now() % 100000}`;
  const phone = `07${String(Date.now()).slice(-8)}`;
  const member = await newMember(browser, name, { phone });

  const context = await newContext(browser, { viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await logIn(page, demo.animator, '**/animation');
  // The squash soup, validated in the demo: five jars of it into Les Ors.
  const recipes = await (await page.request.get('/api/v1/recipes')).json();
  const summary = recipes.find((r) => r.validated && r.main_produce === 'Courges' && r.method === 'autoclave');
  const soup = await (await page.request.get(`/api/v1/recipes/${summary.id}`)).json();
  const batch = await recordBatch(page.request, soup, lot, 5);
  const jarMl = soup.content.schedule.rows[0].jar_ml;
  const centres = await (await page.request.get('/api/v1/centres')).json();
  const lesOrs = centres.find((c) => c.name === LES_ORS);
  const stocked = await page.request.post(`/api/v1/batches/${batch.id}/stock`, {
    headers: { 'X-Bocal-Request': '1' },
    data: { idempotency_key: `stock-${batch.number}-${Date.now()}`, centre_id: lesOrs.id, jars: [{ jar_ml: jarMl, jars: 5 }] },
  });
  expect(stocked.status(), await stocked.text()).toBe(201);

  // At the counter, the label's QR code is scanned (the scanner types "Lot <number>"): only
  // that batch's jars are offered, and the jar handed out names it.
  await page.getByRole('link', { name: 'Comptoir' }).click();
  await page.getByLabel('Centre', { exact: true }).selectOption({ label: LES_ORS });
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').fill(member.login);
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await expect(page.locator('.member-desk h2')).toHaveText(name);
  await page.getByLabel('Lot scanné (facultatif)').fill(`Lot ${batch.number}`);
  const choices = page.locator('.stock-choices li');
  await expect(choices).toHaveCount(1);
  await expect(choices.first()).toContainText(`${jarMl} ml · lot ${batch.number} · 5 en stock`);
  await choices.first().getByRole('button', { name: 'Consigne 2,00 €' }).click();
  await expect(page.locator('.outcome-done')).toContainText(`${name} : +1 en consigne`);
  await expect(page.locator('.recent-list li').first()).toContainText(`lot ${batch.number}`);

  // On the batch's page: exactly who received its jars; then the recall.
  await page.goto(`/animation/fabrication/${batch.id}`);
  const holders = page.locator('.recall-table tbody tr');
  await expect(holders).toHaveCount(1);
  await expect(holders.first()).toContainText(name);
  await expect(page.getByText('la personne qui en a reçu sera prévenue par SMS et e-mail')).toBeVisible();
  await page.getByRole('button', { name: 'Rappeler ce lot' }).click();
  await expect(page.locator('#reason-error')).toContainText('motif du rappel');
  await page.getByLabel('Motif du rappel').fill('Couvercles mal sertis');
  await page.getByRole('button', { name: 'Rappeler ce lot' }).click();
  await expect(page.getByRole('heading', { name: 'Lot rappelé' })).toBeVisible();
  await expect(page.locator('.recall-card')).toContainText('« Couvercles mal sertis »');
  await expect(page.locator('.recall-card')).toContainText('1 message envoyé');
  // The SMS is in the member's message log, naming the batch.
  const messages = await (await page.request.get(`/api/v1/accounts/${member.id}/messages`)).json();
  const recall = messages.find((m) => m.notice === 'Rappel de lot');
  expect(recall?.body).toContain(`lot ${batch.number}`);

  // The counter no longer hands its jars out.
  await page.goto('/animation/comptoir');
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').fill(member.login);
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await page.getByLabel('Lot scanné (facultatif)').fill(batch.number);
  await expect(page.getByRole('alert').filter({ hasText: `Lot ${batch.number} rappelé` })).toBeVisible();

  // Marc brings his jar back.
  await page.goto(`/animation/fabrication/${batch.id}`);
  await page.getByLabel('Centre', { exact: true }).selectOption({ label: LES_ORS });
  await page.getByRole('button', { name: 'Enregistrer le retour' }).click();
  await expect(holders.first()).toContainText('1 rapporté(s)');
  await expect(page.getByText("Aucun bocal de ce lot n'est encore à rapporter.")).toBeVisible();
  await context.close();
});
