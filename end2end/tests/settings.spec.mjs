// "Réglages" (admins): the cannery's centres, made, corrected, closed and opened again from the
// team's space, as an administrator does it on a phone or at a desk.
import { dayAhead, demo, expect, logIn, newContext, test } from './helpers.mjs';

test('an administrator makes a centre, corrects it, closes it (offered nowhere) and opens it again', async ({ page, request }, testInfo) => {
  // Both projects share one database: the centre carries this run's name.
  const name = `Centre social ${testInfo.project.name} ${Date.now() % 100000}`;
  await logIn(page, demo.admin, '**/animation');
  await page.getByRole('link', { name: 'Réglages' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');

  await page.getByRole('button', { name: 'Nouveau centre' }).click();
  await page.getByLabel('Nom du centre').fill(name);
  await page.getByLabel('Adresse').fill('12 rue des Jardins');
  await page.getByLabel('Code postal').fill('261');
  await page.getByLabel('Commune').fill('Romans-sur-Isère');
  await page.getByRole('button', { name: 'Enregistrer le centre' }).click();
  // Said next to the field, in French; nothing sent.
  await expect(page.locator('#postcode-error')).toHaveText('Code postal à 5 chiffres attendu.');
  await page.getByLabel('Code postal').fill('26100');
  await page.getByLabel('Téléphone').fill('04 75 00 00 02');
  await page.getByLabel("Horaires d'ouverture").fill('Mardi et jeudi, 14 h – 18 h');
  await page.getByRole('button', { name: 'Enregistrer le centre' }).click();
  const row = page.locator('.staff-list li', { hasText: name });
  await expect(row).toContainText('12 rue des Jardins, 26100 Romans-sur-Isère');
  await expect(row).toContainText('04 75 00 00 02');
  await expect(row).toContainText('Mardi et jeudi, 14 h – 18 h');
  const offered = async () => (await (await request.get('/api/v1/centres')).json()).map((centre) => centre.name);
  expect(await offered()).toContain(name);

  // The same name again is refused by the server, said next to the name.
  await page.getByRole('button', { name: 'Nouveau centre' }).click();
  const form = page.locator('form');
  await form.getByLabel('Nom du centre').fill(name.toUpperCase());
  await form.getByLabel('Adresse').fill('1 place Jules Nadi');
  await form.getByLabel('Code postal').fill('26100');
  await form.getByLabel('Commune').fill('Romans-sur-Isère');
  await form.getByRole('button', { name: 'Enregistrer le centre' }).click();
  await expect(page.locator('#name-error')).toHaveText('Un centre porte déjà ce nom.');
  await form.getByRole('button', { name: 'Annuler' }).click();

  // Corrected.
  await row.getByRole('button', { name: 'Modifier' }).click();
  await row.getByLabel("Horaires d'ouverture").fill('Lundi à vendredi, 9 h – 17 h');
  await row.getByRole('button', { name: 'Enregistrer le centre' }).click();
  await expect(row).toContainText('Lundi à vendredi, 9 h – 17 h');

  // Closed: marked, and no longer offered; then opened again.
  await row.getByRole('button', { name: 'Fermer le centre' }).click();
  await expect(row.locator('.badge')).toHaveText('Fermé');
  expect(await offered()).not.toContain(name);
  await row.getByRole('button', { name: 'Rouvrir' }).click();
  await expect(row.locator('.badge')).toHaveCount(0);
  expect(await offered()).toContain(name);
});

test('the settings are for administrators: an animator is told so', async ({ page }) => {
  await logIn(page, demo.animator, '**/animation');
  await expect(page.getByRole('link', { name: 'Réglages' })).toHaveCount(0);
  await page.goto('/animation/reglages');
  await expect(page.getByRole('alert')).toHaveText('Les réglages sont réservés aux administrateur·rice·s.');
});

test("an administrator adds a commune of the next valley to the territory and takes it out again; the places' form suggests the territory's communes", async ({ page }) => {
  await logIn(page, demo.admin, '**/animation');
  await page.getByRole('link', { name: 'Réglages' }).click();
  // The demo serves Valence Romans Agglo.
  const list = page.locator('.territory-list');
  await expect(list.locator('summary')).toHaveText('54 communes desservies');

  await page.getByLabel('Ajouter au territoire').fill('saint donat');
  await page.getByRole('button', { name: 'Chercher' }).click();
  const found = page.locator('.found-communes li', { hasText: "Saint-Donat-sur-l'Herbasse" });
  await expect(found).toContainText('Commune · 26260 · INSEE 26301');
  await found.getByRole('button', { name: 'Ajouter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'commune' })).toHaveText('1 commune ajoutée.');
  await expect(list.locator('summary')).toHaveText('55 communes desservies');
  await list.locator('summary').click();
  await list.getByRole('button', { name: "Retirer Saint-Donat-sur-l'Herbasse du territoire" }).click();
  await expect(list.locator('summary')).toHaveText('54 communes desservies');
  await expect(page.getByRole('status').filter({ hasText: 'commune' })).toHaveText('Commune retirée du territoire.');

  // An intercommunality is found by its name, with its communes counted.
  await page.getByLabel('Ajouter au territoire').fill('valence romans');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page.locator('.found-communes li', { hasText: 'CA Valence Romans Agglo' })).toContainText('Intercommunalité · 54 communes');

  // The places' form: a commune of the territory fills its postcode; another one is allowed,
  // and said to be outside.
  await page.goto('/animation/lieux');
  await page.getByRole('button', { name: 'Nouveau lieu' }).click();
  await page.getByLabel('Commune').fill('Peyrins');
  await expect(page.getByLabel('Code postal')).toHaveValue('26380');
  await expect(page.getByText("Cette commune n'est pas dans le territoire")).toHaveCount(0);
  await page.getByLabel('Commune').fill('Lyon');
  await expect(page.getByText("Cette commune n'est pas dans le territoire de la conserverie (Réglages) : le lieu est accepté quand même.")).toBeVisible();
});

test("an administrator adds a produce of the season, which the farmers' form then offers, and sets the deposit from a later day", async ({ browser, page }, testInfo) => {
  // Both projects share one database: the produce and the day carry this run's project.
  const produce = `Kakis ${testInfo.project.name}`;
  const startsOn = dayAhead(testInfo.project.name === 'phone' ? 400 : 401);
  await logIn(page, demo.admin, '**/animation');
  await page.goto('/animation/reglages');

  // The Drôme's list is there, folded; tomatoes are named by lots: retired, not deleted.
  await page.locator('.produce-details summary').click();
  const tomatoes = page.locator('.produce-list li', { hasText: 'Tomates' });
  await expect(tomatoes).toContainText('juin à octobre');
  await tomatoes.getByRole('button', { name: 'Modifier' }).click();
  await expect(tomatoes.getByRole('button', { name: 'Retirer de la liste' })).toBeVisible();
  await expect(tomatoes.getByRole('button', { name: 'Supprimer' })).toHaveCount(0);
  await tomatoes.getByRole('button', { name: 'Annuler' }).click();

  // A produce without a month is refused in French, then saved with November and December.
  await page.getByRole('button', { name: 'Nouveau produit' }).click();
  await page.getByLabel('Nom du produit').fill(produce);
  await page.getByRole('button', { name: 'Enregistrer le produit' }).click();
  await expect(page.getByText('Cochez au moins un mois de saison.')).toBeVisible();
  await page.locator('.month-picker').getByRole('button', { name: 'novembre' }).click();
  await page.locator('.month-picker').getByRole('button', { name: 'décembre' }).click();
  await page.getByRole('button', { name: 'Enregistrer le produit' }).click();
  const kakis = page.locator('.produce-list li', { hasText: produce });
  await expect(kakis).toContainText('novembre à décembre');

  // In season on the tests' day (December): the farmer's form offers it as a button.
  const farm = await (await newContext(browser)).newPage();
  await logIn(farm, demo.producer, '**/producteur/lots');
  await farm.goto('/producteur/lots/nouveau');
  await expect(farm.getByRole('button', { name: produce })).toBeVisible();
  await farm.context().close();

  // Nothing names it yet: it can be deleted.
  await kakis.getByRole('button', { name: 'Modifier' }).click();
  await kakis.getByRole('button', { name: 'Supprimer' }).click();
  await expect(kakis).toHaveCount(0);

  // The deposit: 2 € today; a day gone is refused; a later rate is listed, today's unchanged.
  await expect(page.locator('.deposit-today')).toContainText('2,00 € par bocal');
  await page.getByLabel('Nouvelle consigne (€)').fill('2,50');
  await page.getByLabel('À partir du').fill(dayAhead(-1));
  await page.getByRole('button', { name: 'Fixer la consigne' }).click();
  await expect(page.locator('#deposit_starts_on-error')).toContainText("à partir d'aujourd'hui");
  await page.getByLabel('À partir du').fill(startsOn);
  await page.getByRole('button', { name: 'Fixer la consigne' }).click();
  const [year, month, day] = startsOn.split('-');
  await expect(page.locator('.deposit-rates')).toContainText(`2,50 € à partir du ${day}/${month}/${year}`);
  await expect(page.locator('.deposit-today')).toContainText('2,00 € par bocal');
});
