import { cameraPhoto, demo, expect, logIn, newContext, test } from './helpers.mjs';

test('a farmer posts a lot with a photo, an animator reserves and collects it, the farmer sees "collecté"', async ({ browser }, testInfo) => {
  // Both projects share one database: this lot carries its own variety.
  const variety = `Cœur de bœuf ${testInfo.project.name} ${Date.now()}`;

  const farmerContext = await newContext(browser);
  const farmer = await farmerContext.newPage();
  await logIn(farmer, demo.producer, '**/producteur/lots');
  await farmer.getByRole('link', { name: '+ Proposer un lot' }).click();
  await expect(farmer.getByRole('heading', { level: 1 })).toHaveText('Proposer un lot');
  await farmer.getByLabel('Ou un autre produit :').fill('Tomates');
  await farmer.getByLabel('Variété (facultatif)').fill(variety);
  await farmer.getByRole('button', { name: 'En kilos' }).click();
  await farmer.getByLabel('Poids en kilos').fill('40');
  await farmer.getByText('Hors calibre').click();
  await farmer.locator('#photos').setInputFiles(await cameraPhoto(farmer));
  await expect(farmer.locator('.photo-thumb img')).toHaveCount(1);
  await farmer.getByLabel("Un mot pour l'équipe (facultatif)").fill("Fendues par l'orage.");
  await farmer.getByRole('button', { name: 'Publier le lot' }).click();

  await expect(farmer).toHaveURL(/\/producteur\/lots$/);
  const posted = farmer.locator('.lot', { hasText: variety });
  await expect(posted.locator('.lot-status')).toHaveText('publié');
  await expect(posted.getByText('40 kg')).toBeVisible();
  await expect(posted.locator('.lot-photos img')).toHaveCount(1);

  // An animator, at the counter.
  const animatorContext = await newContext(browser);
  const animator = await animatorContext.newPage();
  await logIn(animator, demo.animator, '**/animation');
  await animator.getByRole('link', { name: 'Marché des producteurs' }).first().click();
  const offered = animator.locator('.lot', { hasText: variety });
  await expect(offered.getByText('Vergers Chabert')).toBeVisible();
  await expect(offered.getByRole('link', { name: '06 12 34 56 01' })).toHaveAttribute('href', 'tel:0612345601');
  await offered.getByRole('button', { name: 'Réserver' }).click();
  await expect(offered.locator('.lot-status')).toHaveText('réservé');
  await offered.getByLabel('Poids pesé (kg)').fill('38,5');
  await offered.getByRole('button', { name: 'Collecté' }).click();
  // Collected lots leave the market.
  await expect(offered).toHaveCount(0);

  // The farmer opens the app again: the header says something changed, the lot is collected.
  await farmer.goto('/');
  await expect(farmer.locator('.account-link.has-news')).toContainText('nouveauté');
  await farmer.locator('.account-link.has-news').click();
  const collected = farmer.locator('.lot', { hasText: variety });
  await expect(collected.locator('.lot-status')).toHaveText('collecté');
  await expect(collected.locator('.lot-weighed')).toContainText('38,5 kg');
  await expect(collected.getByText('ce lot a changé')).toBeVisible();

  await farmerContext.close();
  await animatorContext.close();
});

test('a lot with a window that ends before it starts is refused in French, and nothing is posted', async ({ page }, testInfo) => {
  const variety = `Reinette ${testInfo.project.name} ${Date.now()}`;
  await logIn(page, demo.producer, '**/producteur/lots');
  await page.goto('/producteur/lots/nouveau');
  await page.getByRole('button', { name: 'Pommes' }).click();
  await page.getByLabel('Variété (facultatif)').fill(variety);
  await page.getByRole('button', { name: 'En kilos' }).click();
  await page.getByLabel('Poids en kilos').fill('12,5');
  await page.getByLabel('Disponible du').fill('2030-01-10');
  await page.getByLabel('au', { exact: true }).fill('2030-01-05');
  await page.getByRole('button', { name: 'Publier le lot' }).click();
  await expect(page.getByRole('alert')).toContainText('doit être après son début');
  await expect(page).toHaveURL(/\/producteur\/lots\/nouveau$/);
  await page.goto('/producteur/lots');
  await expect(page.locator('.lot').first()).toBeVisible();
  await expect(page.locator('.lot', { hasText: variety })).toHaveCount(0);
});
