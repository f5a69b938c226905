// Production batches: a farm's lot is collected, an animator records the batch it made with
// the autoclave's probe log, sends its jars to a centre, prints the labels; the jars show in
// the centre's stock and in the public impact figures.
import { collectedLot, dayAhead, demo, expect, logIn, test } from './helpers.mjs';

const csrf = { 'X-Bocal-Request': '1' };
const LES_ORS = 'Maison de quartier des Ors';

/** A probe's CSV export: 20 → 120 °C in 20 minutes, held 25, a reading every 30 s. */
function probeCsv() {
  const lines = ['temps;température'];
  for (let step = 0; step <= 90; step += 1) {
    const minute = step / 2;
    const celsius = minute <= 20 ? 20 + 5 * minute : 120;
    lines.push(`${Math.floor((step * 30) / 60)}:${String((step * 30) % 60).padStart(2, '0')};${celsius.toFixed(1).replace('.', ',')}`);
  }
  return lines.join('\n');
}

/** The squash soup at its current version: validated (fictitiously, in the demo). Another test
 * may have renamed it and saved a new version, so it is found by what it is, not by its title. */
async function squashSoup(request) {
  const recipes = await (await request.get('/api/v1/recipes')).json();
  const summary = recipes.find((r) => r.validated && r.main_produce === 'Courges' && r.method === 'autoclave');
  expect(summary, 'a validated squash recipe').toBeTruthy();
  return (await request.get(`/api/v1/recipes/${summary.id}`)).json();
}

/** A farm offers squash and the truck collects 8 kg of it (for `workshop`, when given): a lot
 * no batch has used yet. */
function collectedSquash(browser, variety, workshop = null) {
  return collectedLot(browser, 'Courges', 8000, { variety, workshop });
}

test('a batch recorded from collected squash reaches a centre’s stock, its labels and the figures', async ({ browser, page }) => {
  const variety = `Butternut ${Date.now() % 100000}`;
  // The squash is collected for a workshop held in the last days (the form offers those).
  const { workshops } = await (await page.request.get(`/api/v1/workshops?from=${dayAhead(-20)}&to=${dayAhead(0)}`)).json();
  const workshop = workshops.find((w) => w.status !== 'cancelled');
  await collectedSquash(browser, variety, workshop);

  await logIn(page, demo.animator, '**/animation');
  const soup = await squashSoup(page.request);
  const title = soup.content.title;
  const centres = await (await page.request.get('/api/v1/centres')).json();
  const lesOrs = centres.find((c) => c.name === LES_ORS);
  const stockOf = async () => {
    const lines = await (await page.request.get(`/api/v1/centres/${lesOrs.id}/stock`)).json();
    return lines.find((l) => l.title === title && l.product.jar_ml === 370)?.in_stock ?? 0;
  };
  const jarsMade = async () => (await (await page.request.get('/api/v1/impact')).json()).totals.jars_produced;
  const [stockBefore, jarsBefore] = [await stockOf(), await jarsMade()];

  await page.getByRole('link', { name: 'Lots de fabrication' }).click();
  await page.getByRole('link', { name: 'Enregistrer un lot de fabrication' }).click();
  // Only validated recipes are offered; the soup's schedule is (in the demo, fictitiously).
  await page.getByLabel('Recette (barème validé)').selectOption({ label: `${title} (version ${soup.version})` });
  const lot = page.locator('.lot-choice', { hasText: variety });
  await lot.getByRole('checkbox').check();
  await expect(lot.getByLabel('Kilos pris')).toHaveValue('8');
  // Its workshop is proposed.
  await expect(page.getByLabel('Atelier (facultatif)')).toHaveValue(String(workshop.id));
  await page.getByLabel('370 ml').fill('12');
  await page.getByLabel('Relevé de sonde (autoclave)').check();
  await page.getByLabel('Fichier CSV de la sonde').setInputFiles({
    name: 'sonde-autoclave.csv', mimeType: 'text/csv', buffer: Buffer.from(probeCsv()),
  });
  // Read as soon as it is loaded: 91 readings, and the F0 against the recipe's target.
  const target = (soup.content.schedule.target_f0_tenths / 10).toFixed(2).replace('.', ',');
  await expect(page.getByRole('status').filter({ hasText: 'relevés lus' })).toContainText(
    new RegExp(`91 relevés lus\\. F0 atteinte : \\d+,\\d\\d min \\(visée : ${target} min\\)\\.`),
  );
  // The product's measured pH is asked for, then recorded.
  await page.getByRole('button', { name: 'Enregistrer le lot' }).click();
  await expect(page.locator('#product_ph-error')).toContainText('pH mesuré du produit');
  await page.getByLabel('pH mesuré du produit').fill('5,8');
  // And the probe, with its calibration.
  await page.getByRole('button', { name: 'Enregistrer le lot' }).click();
  await expect(page.locator('#probe-error')).toContainText('étalonnage');
  await page.getByLabel('Nom de la sonde').fill('Sonde TC-2 (n° 1043)');
  await page.getByLabel('Dernier étalonnage').fill(dayAhead(-30));
  await page.getByLabel('Étalonnage à refaire avant le').fill(dayAhead(335));
  await page.getByRole('button', { name: 'Enregistrer le lot' }).click();

  await page.waitForURL(/\/animation\/fabrication\/\d+$/);
  const id = page.url().split('/').pop();
  const batch = await (await page.request.get(`/api/v1/batches/${id}`)).json();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lot ${batch.number}`);
  await expect(page.locator('.verdict')).toContainText('Conforme');
  await expect(page.locator('.facts')).toContainText(`${workshop.title}, ${workshop.place.name}`);
  await expect(page.locator('.facts div', { hasText: 'Acidité du produit' }).locator('dd')).toHaveText('pH 5,80');
  await expect(page.locator('.facts div', { hasText: 'Sonde' }).locator('dd')).toContainText('Sonde TC-2 (n° 1043), étalonnée le');
  await expect(page.locator('.probe-overdue')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Courbe de la température/ })).toBeVisible();
  const origin = page.locator('.trace-table').filter({ hasText: variety });
  await expect(origin).toContainText('Vergers Chabert');
  await expect(origin).toContainText('8 kg');

  // The twelve jars go to Les Ors.
  await page.getByLabel('Centre', { exact: true }).selectOption({ label: LES_ORS });
  await expect(page.getByLabel('370 ml (reste 12)')).toHaveValue('12');
  await page.getByRole('button', { name: 'Entrer en stock' }).click();
  await expect(page.locator('.plain-list')).toContainText(`12 × 370 ml → ${LES_ORS}`);
  await expect(page.getByRole('button', { name: 'Entrer en stock' })).toHaveCount(0);
  expect(await stockOf()).toBe(stockBefore + 12);

  // The stock page shows them too.
  await page.goto('/animation/stock');
  await page.getByLabel('Centre', { exact: true }).selectOption({ label: LES_ORS });
  const row = page.locator('.stock-table tr', { hasText: title }).filter({ hasText: '370 ml' });
  await expect(row.locator('.number')).toHaveText(String(stockBefore + 12));

  // Twelve labels, with the lot number and the best-before date; on the small labels, one A4
  // sheet (labels.spec.mjs checks every mandatory item and the letters' height).
  await page.goto(`/animation/fabrication/${id}`);
  await page.getByRole('link', { name: 'Imprimer les étiquettes' }).click();
  await expect(page.locator('.jar-label')).toHaveCount(12);
  const [year, month, day] = batch.best_before.split('-');
  const label = page.locator('.jar-label').first();
  await expect(label).toContainText(title);
  await expect(label).toContainText(`Lot ${batch.number}`);
  await expect(label).toContainText(`À consommer de préférence avant le ${day}/${month}/${year}`);
  await expect(label).toContainText('Ingrédients : Courges');
  await page.getByLabel('70 × 37 mm, 24 par planche').check();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
  await page.emulateMedia({ media: 'screen' });

  // The public figures count the twelve jars.
  expect(await jarsMade()).toBe(jarsBefore + 12);
  await page.goto('/impact');
  const tile = page.locator('.impact-tile', { hasText: 'bocaux produits' });
  await expect(tile.locator('strong')).toHaveText(String(jarsBefore + 12));
  await expect(page.getByRole('img', { name: /Bocaux produits par mois/ })).toBeVisible();
});

test('a batch held below its schedule is non conforme and never reaches the stock', async ({ browser, page }) => {
  const variety = `Musquée ${Date.now() % 100000}`;
  await collectedSquash(browser, variety);
  await logIn(page, demo.animator, '**/animation');
  const soup = await squashSoup(page.request);
  const planned = soup.content.schedule.rows.find((row) => row.jar_ml === 720);
  const short = planned.minutes - 15;
  await page.goto('/animation/fabrication/nouveau');
  await page.getByLabel('Recette (barème validé)').selectOption({ label: `${soup.content.title} (version ${soup.version})` });
  await page.locator('.lot-choice', { hasText: variety }).getByRole('checkbox').check();
  await page.getByLabel('720 ml').fill('6');
  // The schedule's minutes for 720 ml are offered; the autoclave was stopped 15 minutes early.
  await expect(page.getByLabel('Tenue (minutes)')).toHaveValue(String(planned.minutes));
  await page.getByLabel('Tenue (minutes)').fill(String(short));
  await page.getByLabel('pH mesuré du produit').fill('5,8');
  // A probe whose calibration fell due a month ago: the batch is recorded, and flagged.
  await page.getByLabel('Nom de la sonde').fill('Thermomètre à sonde');
  await page.getByLabel('Dernier étalonnage').fill(dayAhead(-400));
  await page.getByLabel('Étalonnage à refaire avant le').fill(dayAhead(-30));
  await page.getByRole('button', { name: 'Enregistrer le lot' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Cochez la confirmation' })).toBeVisible();
  await page.getByLabel('Je confirme que ces températures').check();
  await page.getByRole('button', { name: 'Enregistrer le lot' }).click();

  await page.waitForURL(/\/animation\/fabrication\/\d+$/);
  await expect(page.locator('.verdict')).toContainText('Non conforme');
  const celsius = `${planned.temperature_tenths / 10}`.replace('.', ',');
  await expect(page.locator('.verdict')).toContainText(
    `720 ml : ${celsius} °C pendant ${short} min, le barème demande ${celsius} °C pendant ${planned.minutes} min.`,
  );
  await expect(page.getByRole('button', { name: 'Entrer en stock' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Imprimer les étiquettes' })).toHaveCount(0);
  await expect(page.locator('.probe-overdue')).toContainText('« Thermomètre à sonde » devait être réétalonnée');

  // What became of its jars: an unknown batch number is refused, then they are destroyed.
  await page.getByLabel('retraités dans un autre lot').check();
  await page.getByLabel('Numéro du lot de retraitement').fill('19990101-09');
  await page.getByRole('button', { name: 'Enregistrer le devenir' }).click();
  await expect(page.locator('#batch_number-error')).toContainText('Aucun lot de fabrication ne porte le numéro');
  await page.getByLabel('détruits').check();
  await page.getByLabel('Note (facultatif)').fill('Jetés en déchetterie');
  await page.getByRole('button', { name: 'Enregistrer le devenir' }).click();
  const fate = page.locator('section', { has: page.getByRole('heading', { name: 'Devenir des bocaux' }) });
  await expect(fate).toContainText('Détruits.');
  await expect(fate).toContainText('Jetés en déchetterie');
  await page.reload();
  await expect(fate).toContainText('Détruits.');
  // The server refuses it too, whatever a page would send.
  const id = page.url().split('/').pop();
  const refused = await page.request.post(`/api/v1/batches/${id}/stock`, {
    headers: csrf,
    data: { idempotency_key: `e2e-blocked-${Date.now()}`, centre_id: 1, jars: [{ jar_ml: 720, jars: 6 }] },
  });
  expect(refused.status()).toBe(409);
});

test('HTML typed into a lot and a batch shows as typed and runs nothing', async ({ browser, page }) => {
  // A variety and a note as an attacker would type them: stored as text, shown as text.
  const variety = `<img src=x onerror="window.pwned=1"> ${Date.now() % 100000}`;
  const lot = await collectedSquash(browser, variety);
  await logIn(page, demo.animator, '**/animation');
  const soup = await squashSoup(page.request);
  const row = soup.content.schedule.rows.find((r) => r.jar_ml === 370);
  const note = `<script>window.pwned=1</script>'); DROP TABLE batches;--`;
  const recorded = await page.request.post('/api/v1/batches', {
    headers: csrf,
    data: {
      idempotency_key: `e2e-hostile-${Date.now()}`, recipe_id: soup.id, recipe_version: soup.version,
      workshop_id: null, made_on: dayAhead(0), inputs: [{ lot_id: lot.id, grams: 2000 }],
      jars: [{ jar_ml: 370, jars: 2 }],
      process: { kind: 'schedule', rows: [{ jar_ml: 370, temperature_tenths: row.temperature_tenths, minutes: row.minutes }] },
      product_ph_hundredths: 580,
      probe: { name: 'Sonde TC-2', calibrated_on: dayAhead(-30), calibration_due: dayAhead(335) },
      note,
    },
  });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const batch = await recorded.json();
  expect(batch.note).toBe(note);

  await page.goto(`/animation/fabrication/${batch.id}`);
  await expect(page.locator('.trace-table').getByText(variety)).toBeVisible();
  await expect(page.locator('.facts')).toContainText(note);
  await page.goto('/animation/fabrication/nouveau');
  await expect(page.locator('.lot-choice', { hasText: variety })).toBeVisible();
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // And the batches are all still there.
  expect((await page.request.get('/api/v1/batches')).status()).toBe(200);
});
