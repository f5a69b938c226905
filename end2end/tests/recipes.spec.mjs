import { readFileSync } from 'node:fs';
import { cameraPhoto, dayAhead, demo, expect, logIn, test } from './helpers.mjs';

test('a resident searches "tomate", opens a recipe, scales it to 12 kg and prints it', async ({ page, request }) => {
  // What to expect is read from the API, never written here.
  const found = await (await request.get('/api/v1/recipes?q=tomate')).json();
  const coulis = found.find((r) => r.title === 'Coulis de tomates');
  const recipe = await (await request.get(`/api/v1/recipes/${coulis.id}`)).json();

  await page.goto('/');
  await page.getByRole('link', { name: 'Recettes' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recettes');
  await page.getByLabel('Chercher une recette').fill('TOMATE');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/q=TOMATE/);
  await expect(page.locator('.recipe-card')).toHaveCount(found.length);

  await page.locator('.recipe-card', { hasText: 'Coulis de tomates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coulis de tomates');
  await expect(page.getByText('Barème non validé.')).toBeVisible();

  await page.getByLabel("J'ai").fill('12');
  await expect(page.locator('.recipe-scale h3')).toHaveText('Pour 12 kg de tomates');
  // Salt: 8 g a kilo, so 96 g, measured to the nearest 5 g.
  const salt = recipe.content.ingredients.find((i) => i.name === 'Sel');
  expect(salt.per_kg).toEqual({ unit: 'grams', amount: 8 });
  await expect(page.locator('.scaled-ingredients li', { hasText: 'Sel' })).toContainText('95 g');
  // 12 kg at 800 ml a kilo: 9.6 litres; in 370 ml jars only, 26 jars (25.9 rounded up).
  await page.getByLabel('720 ml').uncheck();
  await expect(page.locator('.scaled-jars')).toContainText('26 bocaux de 370 ml');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer la fiche' })).toBeHidden();
  await expect(page.locator('.schedule-table')).toBeVisible();
  await expect(page.locator('.scaled-ingredients')).toBeVisible();
});

test('a search with no result says so in French', async ({ page }) => {
  await page.goto('/recettes?q=gaspacho%20de%20licorne');
  await expect(page.getByText('Aucune recette ne correspond.')).toBeVisible();
});

test('an animator sees the safety rule as they type, then saves a new version; the old one stays readable', async ({ page }, testInfo) => {
  const title = `Soupe de courge ${testInfo.project.name} ${Date.now()}`;
  await logIn(page, demo.animator, '**/animation');
  await page.goto('/recettes?q=soupe%20de%20courge');
  await page.locator('.recipe-card', { hasText: 'Soupe de courge' }).first().click();
  await page.getByRole('link', { name: 'Modifier (nouvelle version)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modifier la recette');

  // The soup's measured pH makes it low-acid, on the French line.
  await expect(page.locator('.acidity-class')).toContainText('pH 5,90 : peu acide (4,5 ou plus)');
  // A low-acid soup in a water bath: refused on the spot, in French.
  await page.getByRole('button', { name: 'Bain-marie' }).click();
  await expect(page.locator('.safety-rule')).toContainText("ne se conserve qu'à l'autoclave");
  await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
  await expect(page).toHaveURL(/\/animation\/recettes\/\d+$/);
  await page.getByRole('button', { name: 'Autoclave' }).click();
  await expect(page.locator('.safety-rule')).toHaveCount(0);

  await page.getByLabel('Titre').fill(title);
  await page.locator('#photo').setInputFiles(await cameraPhoto(page, 'soupe.jpg'));
  await expect(page.locator('.photo-thumb img')).toHaveCount(1);
  await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
  await expect(page).toHaveURL(/\/recettes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('img.recipe-photo')).toBeVisible();
  const versions = page.getByRole('navigation', { name: 'Versions de la recette' });
  await expect(versions).toBeVisible();
  await versions.getByRole('link', { name: '1', exact: true }).click();
  await expect(page.getByText('remplacée depuis')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(title);
});

test('an animator writes a new recipe line by line: lines added and removed keep what was typed in the others', async ({ page, request }, testInfo) => {
  const title = `Confiture de prunes ${testInfo.project.name} ${Date.now()}`;
  await logIn(page, demo.animator, '**/animation');
  await page.goto('/animation/recettes/nouvelle');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle recette');
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Produit principal').fill('Prunes');

  const addIngredient = page.getByRole('button', { name: '+ Ingrédient' });
  for (const [name, amount] of [['Sucre', '600'], ['Cannelle', '2'], ['Citron', '30']]) {
    await addIngredient.click();
    const line = page.locator('.ingredient-row').last();
    await line.getByLabel('Ingrédient', { exact: true }).fill(name);
    await line.getByLabel('Quantité').fill(amount);
  }
  const middle = page.locator('.ingredient-row').nth(1);
  await expect(middle.getByLabel('Ingrédient', { exact: true })).toHaveValue('Cannelle');
  await middle.getByRole('button', { name: 'Enlever cet ingrédient' }).click();
  await expect(page.locator('.ingredient-row')).toHaveCount(2);
  await expect(page.locator('.ingredient-row').last().getByLabel('Quantité')).toHaveValue('30');
  await page.locator('.ingredient-row').last().getByLabel('Unité').selectOption('ml');

  // The new recipe starts with one 370 ml line; a 720 ml one is added, the first removed.
  await expect(page.locator('.schedule-row:not(.schedule-head)')).toHaveCount(1);
  await page.getByRole('button', { name: '+ Taille de bocal' }).click();
  const second = page.locator('.schedule-row:not(.schedule-head)').last();
  await second.getByLabel('Bocal en ml').fill('720');
  await second.getByLabel('Durée en minutes').fill('40');
  await page.locator('.schedule-row:not(.schedule-head)').first()
    .getByRole('button', { name: 'Enlever cette ligne' }).click();
  await page.getByLabel('Étapes, une par ligne').fill('Dénoyauter.\nCuire avec le sucre.\nMettre en bocaux.');

  // Without a measured pH, the recipe is not saved: the pH decides bath or autoclave.
  await page.getByRole('button', { name: 'Créer la recette' }).click();
  await expect(page.locator('#ph-error')).toContainText("pH d'équilibre mesuré");
  await page.getByLabel("pH d'équilibre mesuré").fill('3,4');
  await expect(page.locator('.acidity-class')).toHaveText('pH 3,40 : acide (sous 4,5), le bain-marie est possible.');
  await page.getByLabel('Mesuré le').fill(dayAhead(0));

  await page.getByRole('button', { name: 'Créer la recette' }).click();
  await expect(page).toHaveURL(/\/recettes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const id = page.url().match(/\/recettes\/(\d+)$/)[1];
  const saved = (await (await request.get(`/api/v1/recipes/${id}`)).json()).content;
  expect(saved.ingredients.map((i) => i.name)).toEqual(['Sucre', 'Citron']);
  expect(saved.ingredients[0].per_kg).toEqual({ unit: 'grams', amount: 600 });
  expect(saved.ingredients[1].per_kg).toEqual({ unit: 'millilitres', amount: 30 });
  expect(saved.schedule.rows).toEqual([
    { jar_ml: 720, temperature_tenths: 1000, minutes: 40, headspace_mm: 10 },
  ]);
  expect(saved.steps).toHaveLength(3);
  expect(saved.ph).toEqual({ hundredths: 340, method: 'meter', measured_on: dayAhead(0) });
  expect(saved.acidity).toBe('acid');
});

test("a recipe goes to another cannery as a file: every version comes, its validation stays the other cannery's", async ({ page }, testInfo) => {
  await logIn(page, demo.animator, '**/animation');
  await page.goto('/recettes?q=soupe%20de%20courge');
  await page.locator('.recipe-card', { hasText: 'Soupe de courge' }).first().click();
  const original = page.url().match(/\/recettes\/(\d+)$/)[1];
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Fichier de la recette' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^recette-${original}-soupe-de-courge[a-z0-9-]*\\.json$`));
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(file.format).toBe('bocal-recette');
  const operator = await (await page.request.get('/api/v1/operator')).json();
  expect(file.exported_from).toBe(operator.name);

  // Another cannery imports it (here: the same Bocal, under another title, so that the
  // library's other tests keep their soup).
  const title = `Soupe reçue ${testInfo.project.name} ${Date.now()}`;
  for (const version of file.versions) version.content.title = title;
  await page.goto('/animation/recettes/nouvelle');
  await page.getByText("Importer le fichier d'une autre conserverie").click();
  await page.getByLabel('Fichier de la recette (.json)').setInputFiles({
    name: 'soupe.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page).toHaveURL(/\/recettes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const validated = file.versions.at(-1).content.schedule.validation;
  await expect(page.locator('.recipe-validated-elsewhere')).toContainText(`Barème validé par ${validated.by}`);
  await expect(page.locator('.recipe-validated-elsewhere')).toContainText(`pour « ${operator.name} »`);
  await expect(page.locator('.recipe-unvalidated')).toContainText('Barème non validé.');
  const versions = page.getByRole('navigation', { name: 'Versions de la recette' });
  await expect(versions.getByRole('link')).toHaveCount(file.versions.length);

  // A file from a newer Bocal is refused with what to do, and opens nothing.
  await page.goto('/animation/recettes/nouvelle');
  await page.getByText("Importer le fichier d'une autre conserverie").click();
  await page.getByLabel('Fichier de la recette (.json)').setInputFiles({
    name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, format_version: 9 })),
  });
  await expect(page.getByRole('alert')).toContainText("Ce fichier vient d'une version plus récente de Bocal (format 9");
  await expect(page).toHaveURL(/\/animation\/recettes\/nouvelle$/);
});
