// The wasm split by part of the app (src/app/lazy_pages.rs, scripts/build-wasm): the home page
// downloads the main module only, each part comes when first opened, a part that cannot be
// downloaded says so and tries again, and the service worker keeps every part for offline use.
import { demo, expect, newContext, test } from './helpers.mjs';

/** The wasm files the page fetches from now on, by name. */
function wasmFetched(page) {
  const names = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('.wasm')) names.push(url.pathname.split('/').pop());
  });
  return names;
}

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('the home page downloads the main module alone; the recipes come when opened', async ({ page }) => {
    const fetched = wasmFetched(page);
    await page.goto('/');
    await expect(page.locator('.workshop-card').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual(['bocal_bg.wasm']);

    await page.getByRole('navigation').getByRole('link', { name: 'Recettes' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recettes');
    expect(fetched).toContain('split_recipes.wasm');
    // Nothing of the team's space.
    expect(fetched).not.toContain('split_staff.wasm');
  });

  test('a part that cannot be downloaded says so, and "Réessayer" brings it once the network is back', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.workshop-card').first()).toBeVisible();
    // The connection drops as the person opens the recipes.
    await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
    await page.getByRole('navigation').getByRole('link', { name: 'Recettes' }).click();
    const notice = page.getByRole('alert');
    await expect(notice.getByRole('heading', { level: 1 })).toHaveText("Cette page n'a pas pu être téléchargée");
    await expect(notice).toContainText('Vérifiez votre réseau puis réessayez.');

    await page.unroute('**/*.wasm');
    await notice.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recettes');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a deep link to a part renders it as the first page', async ({ page }) => {
    const recipes = await (await page.request.get('/api/v1/recipes')).json();
    await page.goto(`/recettes/${recipes[0].id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(recipes[0].title);
  });
});

/** Waits until the service worker controls the page and keeps `chunk` (every part of its build). */
async function partsKeptOffline(page, chunk) {
  await page.waitForFunction(async (chunk) => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller === null) return false;
    const shell = (await caches.keys()).find((name) => name.startsWith('bocal-shell-'));
    if (!shell) return false;
    const kept = await (await caches.open(shell)).keys();
    return kept.some((request) => request.url.endsWith(`/${chunk}`));
  }, chunk);
}

test('after one visit of the home page, screens never opened open offline: the recipes, and the counter for an animator', async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // Logged in without opening a page of the app: the home page is the only one visited.
  const login = await page.request.post('/api/v1/session', {
    headers: { 'X-Bocal-Request': '1' },
    data: { login: demo.animator.login, password: demo.animator.password },
  });
  expect(login.status()).toBe(200);
  const fetched = wasmFetched(page);
  await page.goto('/');
  await expect(page.locator('.workshop-card').first()).toBeVisible();
  await partsKeptOffline(page, 'split_staff.wasm');
  await partsKeptOffline(page, 'split_recipes.wasm');
  expect(fetched).toEqual(['bocal_bg.wasm']);

  await context.setOffline(true);
  await page.getByRole('navigation').getByRole('link', { name: 'Recettes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recettes');
  await page.goto('/animation/comptoir');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comptoir');
  await expect(page.getByText("Cette page n'a pas pu être téléchargée")).toHaveCount(0);
  await context.close();
});
