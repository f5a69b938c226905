import { readFileSync } from 'node:fs';
import { demo, expect, logIn, newContext, newMember, test } from './helpers.mjs';

test('a participant downloads their data, corrects it, closes their account; an admin finds it in the journal', async ({ browser }, testInfo) => {
  const name = `Zoé Dufresne ${testInfo.project.name} ${Date.now()}`;
  const member = await newMember(browser, name);

  const context = await newContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, member, '**/mon-compte');
  await page.getByRole('link', { name: /Mes données/ }).click();
  await expect(page).toHaveURL(/\/mon-compte\/donnees$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes données');
  for (const section of ['Mon compte', 'Mes inscriptions', 'Mon portefeuille', 'Messages reçus', 'Fermer mon compte']) {
    await expect(page.getByRole('heading', { name: new RegExp(`^${section}`) })).toBeVisible();
  }
  await expect(page.locator('.facts').first()).toContainText(name);

  // The download: one JSON file with every section.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger mes données' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('bocal-mes-donnees.json');
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(data.account.display_name).toBe(name);
  expect(data.account.member_number).toBe(member.login);
  for (const section of ['signups', 'wallet', 'messages']) {
    expect(data).toHaveProperty(section);
  }

  // A phone that is someone else's is refused, in French; a free one is saved.
  await page.getByRole('button', { name: 'Corriger mes coordonnées' }).click();
  await page.getByLabel('Téléphone (facultatif)').fill('06 12 3');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('.field-error')).toContainText('10 chiffres');
  const phone = `07${String(Date.now()).slice(-8)}`;
  await page.getByLabel('Téléphone (facultatif)').fill(phone);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Vos coordonnées sont corrigées.')).toBeVisible();
  await expect(page.locator('.facts').first()).toContainText(phone.slice(0, 2));

  // Closing: a wrong password changes nothing; the right one closes and logs out.
  await page.getByLabel('Votre mot de passe, pour confirmer').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Fermer définitivement mon compte' }).click();
  await expect(page.locator('#close_password-error')).toHaveText('Mot de passe incorrect.');
  await page.getByLabel('Votre mot de passe, pour confirmer').fill(member.password);
  await page.getByRole('button', { name: 'Fermer définitivement mon compte' }).click();
  await expect(page.getByRole('heading', { name: 'Votre compte est fermé' })).toBeVisible();
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
  await context.close();

  const adminContext = await newContext(browser);
  const admin = await adminContext.newPage();
  await logIn(admin, demo.admin, '**/animation');
  await admin.getByRole('link', { name: 'Journal' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Journal');
  await admin.getByLabel('Personne').fill(member.login);
  await admin.getByLabel('Action').selectOption('compte fermé');
  await admin.getByRole('button', { name: 'Filtrer' }).click();
  const row = admin.locator('.journal-list li').first();
  await expect(row).toContainText('compte fermé');
  await expect(row).toContainText(`Ancien membre n° ${member.login}`);
  await expect(admin.locator('.journal-list li')).toHaveCount(1);
  await adminContext.close();
});
