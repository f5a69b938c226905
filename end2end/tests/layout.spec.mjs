// Pages do not jump while they load: what a reader sees first stays where it is when the data
// arrives (Lighthouse's cumulative layout shift; "good" is below 0.1).
import { demo, expect, expectedNextStop, logIn, newMember, test, upcomingWorkshops } from './helpers.mjs';

// A cold first visit: no service worker answering from its cache.
test.use({ serviceWorkers: 'block' });

/** Adds up the layout shifts of the next page loaded, as the browser reports them. */
async function recordLayoutShifts(page) {
  await page.addInitScript(() => {
    window.layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const moved = entry.sources.map((source) => source.node?.className || source.node?.nodeName);
        window.layoutShifts.push({ value: entry.value, moved });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function layoutShiftAfterLoad(page, ready) {
  await expect(ready).toBeVisible();
  // Whatever arrives right after the first content (images, a second read) has come too.
  await page.waitForLoadState('networkidle');
  const shifts = await page.evaluate(() => window.layoutShifts);
  return { total: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
}

test('the home page does not move when the calendar arrives', async ({ page }) => {
  await recordLayoutShifts(page);
  await page.goto('/');
  const { total, shifts } = await layoutShiftAfterLoad(page, page.locator('.workshop-card').first());
  expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);
});

// The calendar and the rescued box are two reads: whichever answers first, nothing moves
// when the other arrives (a busy phone once drew the rescued box first, then pushed it down).
for (const [late, path] of [['the calendar', '**/api/v1/workshops*'], ['the rescued box', '**/api/v1/impact/rescued']]) {
  test(`the home page does not move when ${late} answers last`, async ({ page }) => {
    await page.route(path, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await recordLayoutShifts(page);
    await page.goto('/');
    const { total, shifts } = await layoutShiftAfterLoad(page, page.locator('.workshop-card').first());
    expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);
  });
}

test('a recipe does not move when it arrives', async ({ page, request }) => {
  const recipes = await (await request.get('/api/v1/recipes')).json();
  await recordLayoutShifts(page);
  await page.goto(`/recettes/${recipes[0].id}`);
  const { total, shifts } = await layoutShiftAfterLoad(page, page.getByRole('heading', { level: 1, name: recipes[0].title }));
  expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);
});

test("a member's wallet does not move while the session and the wallet arrive", async ({ page, browser }) => {
  const member = await newMember(browser, 'Inès Layout');
  await logIn(page, member, (url) => !url.pathname.startsWith('/connexion'));
  await recordLayoutShifts(page);
  await page.goto('/portefeuille');
  const { total, shifts } = await layoutShiftAfterLoad(page, page.locator('.wallet-number').first());
  expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);
});

test("a farmer's lots do not move while the session and the lots arrive", async ({ page }) => {
  await logIn(page, demo.producer, '**/producteur/lots');
  await recordLayoutShifts(page);
  await page.reload();
  const { total, shifts } = await layoutShiftAfterLoad(page, page.locator('.lot-list .lot-title').first());
  expect(total, JSON.stringify(shifts)).toBeLessThan(0.1);
});

test('while the app downloads, a first visit shows Bocal and says it is loading, then the app takes its place', async ({ page }) => {
  // The app's code held back, as on a slow 3G connection.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const loading = page.locator('#app-loading');
  await expect(loading.getByRole('status')).toHaveText('Chargement de Bocal…');
  await expect(loading.getByRole('link', { name: /Bocal/ })).toBeVisible();
  // Its only heading is the answer the server wrote in (calendar.spec tests what it says).
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(loading.locator('#first-answer h1')).toHaveText(/Où est le camion/);

  release();
  await expect(page.locator('.workshop-card').first()).toBeVisible();
  await expect(loading).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  // One header and one main: the app's.
  await expect(page.locator('header')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
});

test('without JavaScript, the page still says where the truck is, says why nothing else loads, and links the calendar feed', async ({ browser, request }) => {
  const next = expectedNextStop(await upcomingWorkshops(request));
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  // The answer is in the HTML the server wrote (src/server/pages/first_answer.rs).
  const card = page.locator('#first-answer .next-stop-card');
  await expect(card.locator('.next-place')).toHaveText(next.place.name);
  await expect(card).toContainText(next.title);
  await card.getByRole('link', { name: "Voir l'atelier" }).click();
  await expect(page).toHaveURL(new RegExp(`/ateliers/${next.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(next.title);
  await expect(page).toHaveTitle(`${next.title} – Bocal`);
  await expect(page.locator('#first-answer .place-name')).toHaveText(next.place.name);
  await page.goto('/');
  // Playwright's text and role queries skip <noscript>: its paragraph is found by tag.
  const message = page.locator('noscript p');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Bocal a besoin de JavaScript.');
  await expect(message.locator('a')).toHaveAttribute('href', '/api/v1/workshops.ics');
  await expect(page.locator('.app-loading-status')).toBeHidden();
  await context.close();
});
