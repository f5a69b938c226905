// Jar labels to regulation 1169/2011: every mandatory item on the printed label, the allergen
// emphasised, the drained weight of a solid in a liquid medium, the operator from the server's
// configuration, the batch's QR code, and letters at least 1.2 mm high (x-height, art. 13),
// measured in the browser with the label's own fonts.
import { collectedLot, dayAhead, demo, expect, logIn, recordBatch, test } from './helpers.mjs';

const csrf = { 'X-Bocal-Request': '1' };

/** The x-height in millimetres of each element of `label` that holds text of its own. */
async function xHeights(label) {
  return label.evaluate((root) => {
    const canvas = document.createElement('canvas').getContext('2d');
    const measured = [];
    for (const element of [root, ...root.querySelectorAll('*')]) {
      const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!ownText) continue;
      canvas.font = getComputedStyle(element).font;
      const pixels = canvas.measureText('x').actualBoundingBoxAscent;
      measured.push({ text: element.textContent.trim().slice(0, 30), mm: (pixels * 25.4) / 96 });
    }
    return measured;
  });
}

async function batchOf(request, title) {
  const batches = await (await request.get('/api/v1/batches')).json();
  const found = batches.find((b) => b.recipe_title === title);
  expect(found, `a batch of ${title}`).toBeTruthy();
  return (await request.get(`/api/v1/batches/${found.id}`)).json();
}

test('a label in a liquid medium gives every mandatory item, its drained weight and letters of 1.2 mm', async ({ page }) => {
  await logIn(page, demo.animator, '**/animation');
  // The demo's pears in syrup (non conforme: its labels only identify the jars).
  const pears = await batchOf(page.request, 'Poires au sirop léger');
  const recipe = await (await page.request.get(`/api/v1/recipes/${pears.recipe_id}/versions/${pears.recipe_version}`)).json();
  const quantity = recipe.content.net_quantities.find((q) => q.jar_ml === 370);
  expect(quantity.net.unit).toBe('grams');
  const operator = await (await page.request.get('/api/v1/operator')).json();

  await page.goto(`/animation/fabrication/${pears.id}/etiquettes`);
  const label = page.locator('.jar-label').first();
  await expect(label).toBeVisible();
  const [year, month, day] = pears.best_before.split('-');
  for (const item of [
    'Poires au sirop léger',
    'Ingrédients : Poires',
    `${quantity.net.amount} g`,
    `Poids net égoutté : ${quantity.drained_grams} g`,
    `À consommer de préférence avant le ${day}/${month}/${year}`,
    `Lot ${pears.number}`,
    'À conserver au sec',
    `${operator.name}, ${operator.address}`,
  ]) {
    await expect(label, item).toContainText(item);
  }
  // The name and the net quantity are in the same field of vision: the same label.
  const qr = label.getByRole('img', { name: `QR code du lot ${pears.number}` });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);

  // The small labels are too small for all of it at that size, and the page says so.
  const overflow = page.getByRole('alert').filter({ hasText: 'Le texte dépasse' });
  await expect(overflow).toHaveCount(0);
  await page.getByLabel('70 × 37 mm, 24 par planche').check();
  await expect(overflow).toContainText('choisissez les planches 105 × 57 mm');
  for (const format of ['105 × 57 mm, 10 par planche', '70 × 37 mm, 24 par planche']) {
    await page.getByLabel(format).check();
    const heights = await xHeights(label);
    expect(heights.length).toBeGreaterThan(6);
    for (const { text, mm } of heights) {
      expect(mm, `x-height of « ${text} » (${format})`).toBeGreaterThanOrEqual(1.2);
    }
  }

  // 24 jars: three large sheets, one small one, each an A4 page.
  for (const [format, sheets] of [['105 × 57 mm, 10 par planche', 3], ['70 × 37 mm, 24 par planche', 1]]) {
    await page.getByLabel(format).check();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length, format).toBe(sheets);
    await page.emulateMedia({ media: 'screen' });
  }
});

test('a label emphasises its allergen', async ({ browser, page }) => {
  const lot = await collectedLot(browser, 'Potimarrons', 5000);
  await logIn(page, demo.animator, '**/animation');
  const recipes = await (await page.request.get('/api/v1/recipes')).json();
  const summary = recipes.find((r) => r.main_produce === 'Potimarrons');
  let velouté = await (await page.request.get(`/api/v1/recipes/${summary.id}`)).json();
  if (!velouté.content.schedule.validation) {
    // Only a validated schedule may produce: validated here, fictitiously, as the demo does.
    const content = { ...velouté.content, schedule: { ...velouté.content.schedule, validation: { by: 'Validation fictive (test)', on: dayAhead(-1) } } };
    const saved = await page.request.put(`/api/v1/recipes/${summary.id}`, { headers: csrf, data: content });
    expect(saved.status(), await saved.text()).toBe(200);
    velouté = await saved.json();
  }
  const batch = await recordBatch(page.request, velouté, lot, 3);
  const jarMl = velouté.content.schedule.rows[0].jar_ml;

  await page.goto(`/animation/fabrication/${batch.id}/etiquettes`);
  const label = page.locator('.jar-label').first();
  await expect(label).toContainText(velouté.content.title);
  const allergen = label.locator('strong.allergen').first();
  await expect(allergen).toHaveText(/noix/i);
  const style = await allergen.evaluate((el) => ({ weight: Number(getComputedStyle(el).fontWeight), transform: getComputedStyle(el).textTransform }));
  expect(style.weight).toBeGreaterThanOrEqual(700);
  expect(style.transform).toBe('uppercase');
  // A liquid is declared by volume, with no drained weight.
  const quantity = velouté.content.net_quantities.find((q) => q.jar_ml === jarMl);
  await expect(label).toContainText(`${quantity.net.amount} ml`);
  await expect(label).not.toContainText('égoutté');
});
