import {
  expect, expectedNextStop, homeFirstWeeks, parisClock, parisDay, test, upcomingWorkshops,
} from './helpers.mjs';

const minutes = (count) => count * 60 * 1000;

// The card's two states, each at a moment of its own: the browser's clock is set relative to the
// stop the server lists next, so neither depends on when the suite runs.
test('the next stop, still to come: its day and its hours in Paris time', async ({ page, request }) => {
  const next = expectedNextStop(await upcomingWorkshops(request));
  expect(next, 'the demo data has a next stop').toBeTruthy();
  const halfAnHourBefore = new Date(new Date(next.starts_at).getTime() - minutes(30));
  await page.clock.setSystemTime(halfAnHourBefore);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Où est le camion ?' })).toBeVisible();
  const card = page.locator('.next-stop-card');
  await expect(card).toContainText(next.title);
  await expect(card).toContainText(next.place.name);
  await expect(card).toContainText(`${next.place.postcode} ${next.place.commune}`);
  // Paris time whatever the phone's time zone (the phone project runs in New York).
  if (parisDay(halfAnHourBefore) === parisDay(next.starts_at)) {
    await expect(card.locator('.next-day')).toHaveText("aujourd'hui");
  }
  await expect(card.locator('.next-hours')).toHaveText(`${parisClock(next.starts_at)} – ${parisClock(next.ends_at)}`);
  const mapLink = card.getByRole('link', { name: /Ouvrir le plan/ });
  await expect(mapLink).toHaveAttribute('href', new RegExp(`${next.place.latitude}.*${next.place.longitude}`));
});

test('the next stop, under way: "en ce moment", until its end in Paris time', async ({ page, request }) => {
  const next = expectedNextStop(await upcomingWorkshops(request));
  await page.clock.setSystemTime(new Date(new Date(next.starts_at).getTime() + minutes(30)));

  await page.goto('/');
  const card = page.locator('.next-stop-card');
  await expect(card).toContainText(next.place.name);
  await expect(card.locator('.next-day')).toHaveText('en ce moment');
  await expect(card.locator('.next-hours')).toHaveText(`jusqu'à ${parisClock(next.ends_at)}`);
});

test('on a slow phone the next stop is readable before the app has loaded, and the app takes over', async ({ page, request }) => {
  const next = expectedNextStop(await upcomingWorkshops(request));
  // The wasm takes its time, as on slow 4G; the HTML does not wait for it.
  let releaseWasm;
  const wasmHeld = new Promise((resolve) => { releaseWasm = resolve; });
  await page.route('**/*.wasm', async (route) => {
    await wasmHeld;
    await route.continue();
  });
  await page.goto('/');
  const firstAnswer = page.locator('#first-answer');
  await expect(firstAnswer.locator('.next-place')).toHaveText(next.place.name);
  await expect(firstAnswer.locator('.next-address')).toContainText(`${next.place.postcode} ${next.place.commune}`);
  await expect(firstAnswer.getByRole('link', { name: "Voir l'atelier" })).toHaveAttribute('href', `/ateliers/${next.id}`);
  await expect(page.locator('.app-loading-status')).toHaveText('Chargement de Bocal…');
  const placeBefore = await firstAnswer.locator('.next-place').boundingBox();

  releaseWasm();
  await expect(page.locator('.workshop-card').first()).toBeVisible();
  await expect(firstAnswer).toHaveCount(0);
  const place = page.locator('.next-stop-card .next-place');
  await expect(place).toHaveText(next.place.name);
  // The app draws the place where the first HTML had it: what the person reads does not jump.
  const placeAfter = await place.boundingBox();
  expect(Math.abs(placeAfter.y - placeBefore.y), JSON.stringify({ placeBefore, placeAfter })).toBeLessThanOrEqual(2);
  expect(Math.abs(placeAfter.x - placeBefore.x)).toBeLessThanOrEqual(2);
});

test('upcoming workshops are grouped by week, four weeks at first, "Voir plus" for the next ones', async ({ page, request }) => {
  const workshops = await upcomingWorkshops(request);
  const first = await homeFirstWeeks(request);
  // The demo plans six weeks: the first page cannot hold them all.
  expect(first.workshops.length).toBeLessThan(workshops.length);
  expect(first.more_from).not.toBeNull();
  await page.goto('/');
  await expect(page.locator('.workshop-card')).toHaveCount(first.workshops.length);
  const weeks = page.locator('section.week h3');
  expect(await weeks.count()).toBeGreaterThanOrEqual(4);
  await expect(weeks.first()).toHaveText(/Cette semaine|Semaine prochaine/);

  // "Voir plus" adds the next weeks below, the weeks already read stay where they were.
  const lastRead = page.locator('.workshop-card').nth(first.workshops.length - 1);
  const topInPage = () => lastRead.evaluate((card) => card.getBoundingClientRect().top + window.scrollY);
  const before = await topInPage();
  await page.getByRole('button', { name: "Voir plus d'ateliers" }).click();
  let shown = await (await request.get('/api/v1/workshops?weeks=8')).json();
  await expect(page.locator('.workshop-card')).toHaveCount(shown.workshops.length);
  expect(await weeks.count()).toBeGreaterThanOrEqual(5);
  expect(Math.abs((await topInPage()) - before)).toBeLessThanOrEqual(2);
  // Other tests plan stops months ahead in the shared database: four more weeks at each
  // "Voir plus", until everything is shown and no button is left.
  for (let pages = 3; shown.more_from; pages += 1) {
    shown = await (await request.get(`/api/v1/workshops?weeks=${4 * pages}`)).json();
    await page.getByRole('button', { name: "Voir plus d'ateliers" }).click();
    await expect(page.locator('.workshop-card')).toHaveCount(shown.workshops.length);
  }
  await expect(page.locator('.workshop-card')).toHaveCount(workshops.length);
  await expect(page.getByRole('button', { name: "Voir plus d'ateliers" })).toHaveCount(0);

  const cancelled = workshops.find((w) => w.status === 'cancelled');
  const cancelledCard = page.locator('.workshop-card', { hasText: cancelled.title });
  await expect(cancelledCard).toHaveClass(/is-cancelled/);
  await expect(cancelledCard).toContainText('Annulé');
});

test('a workshop page opens from the list and survives a reload', async ({ page, request }) => {
  const [first] = await upcomingWorkshops(request);
  await page.goto('/');
  await page.locator('.workshop-card').first().click();
  await expect(page).toHaveURL(new RegExp(`/ateliers/${first.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  await expect(page).toHaveTitle(`${first.title} – Bocal`);
  // The workshop page belongs to the Calendrier section.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Calendrier' })).toHaveAttribute('aria-current', 'page');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  await expect(page.locator('.place-name')).toHaveText(first.place.name);
  const addToCalendar = page.getByRole('link', { name: /Ajouter à mon agenda/ });
  await expect(addToCalendar).toHaveAttribute('href', `/api/v1/workshops/${first.id}.ics`);

  await page.getByRole('link', { name: /Retour au calendrier/ }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a cancelled workshop says so on its page', async ({ page, request }) => {
  const cancelled = (await upcomingWorkshops(request)).find((w) => w.status === 'cancelled');
  await page.goto(`/ateliers/${cancelled.id}`);
  await expect(page.getByRole('status')).toHaveText('Cet atelier est annulé.');
});

test('filters narrow the list, live in the URL and survive a reload', async ({ page, request }) => {
  const workshops = await upcomingWorkshops(request);
  // A commune with some of the workshops, but not all.
  const commune = workshops
    .map((w) => w.place.commune)
    .find((c) => workshops.some((w) => w.place.commune !== c));
  const inCommune = workshops.filter((w) => w.place.commune === commune);
  expect(inCommune.length).toBeGreaterThan(0);
  expect(inCommune.length).toBeLessThan(workshops.length);

  const first = await homeFirstWeeks(request);
  await page.goto('/');
  await expect(page.locator('.workshop-card')).toHaveCount(first.workshops.length);
  // A filter lists every match, however far ahead.
  await page.getByLabel('Commune').selectOption(commune);
  await expect(page).toHaveURL(new RegExp(`commune=${encodeURIComponent(commune)}`));
  await expect(page.locator('.workshop-card')).toHaveCount(inCommune.length);
  for (const card of await page.locator('.workshop-card .card-place').all()) {
    await expect(card).toContainText(commune);
  }

  await page.reload();
  await expect(page.getByLabel('Commune')).toHaveValue(commune);
  await expect(page.locator('.workshop-card')).toHaveCount(inCommune.length);

  // Kind and commune combine; "Tout afficher" clears both.
  await page.getByRole('button', { name: 'Tout afficher' }).click();
  await expect(page.getByLabel('Commune')).toHaveValue('');
  await expect(page.locator('.workshop-card')).toHaveCount(first.workshops.length);
  const markets = workshops.filter((w) => w.kind === 'marche');
  await page.getByLabel('Type').selectOption('marche');
  await expect(page).toHaveURL(/kind=marche/);
  await expect(page.locator('.workshop-card')).toHaveCount(markets.length);
  await page.reload();
  await expect(page.getByLabel('Type')).toHaveValue('marche');
  await expect(page.locator('.workshop-card')).toHaveCount(markets.length);
});

test('the language switch shows English and is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where is the truck?');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where is the truck?');
  await page.getByRole('button', { name: 'Passer en français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Où est le camion ?');
});

test('the screens in French only have no language switch; the others keep it', async ({ page }) => {
  await page.goto('/recettes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recettes');
  await expect(page.getByRole('button', { name: 'Switch to English' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Calendrier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Où est le camion ?');
  await expect(page.getByRole('button', { name: 'Switch to English' })).toBeVisible();
});

test('unknown pages and workshops say they do not exist', async ({ page }) => {
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await page.goto('/ateliers/999999');
  await expect(page.getByText("Cet atelier n'existe pas ou n'existe plus.")).toBeVisible();
});

test('the page is keyboard friendly: the skip link leads to the content', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.next-stop-card')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test.describe('without a service worker', () => {
  // The route below cuts the page's own requests; a service worker's would pass it by.
  test.use({ serviceWorkers: 'block' });

  test('without the server the page says so, and "Réessayer" recovers', async ({ page, request }) => {
    const first = await homeFirstWeeks(request);
    await page.route('**/api/v1/workshops*', (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Pas de connexion au serveur');

    await page.unroute('**/api/v1/workshops*');
    await alert.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.locator('.workshop-card')).toHaveCount(first.workshops.length);
    await expect(page.locator('.next-stop-card')).toBeVisible();
  });
});

test('a filter that matches nothing says so and offers to show everything', async ({ page }) => {
  await page.goto('/?commune=Nulle-part');
  await expect(page.getByText('Aucun atelier ne correspond à ces filtres.')).toBeVisible();
  await expect(page.locator('.workshop-card')).toHaveCount(0);
  // The message follows the language switch like every other text.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByText('No workshop matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Passer en français' }).click();
  await page.getByRole('button', { name: 'Tout afficher' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await page.locator('.workshop-card').count()).toBeGreaterThan(0);
});

test('the subscribe link points phones at the feed, and the feed\'s own address sits beside it, filtered like the list', async ({ page, request }) => {
  const [first] = await upcomingWorkshops(request);
  await page.goto(`/ateliers/${first.id}`);
  const subscribe = page.getByRole('link', { name: "S'abonner dans mon agenda" });
  await expect(subscribe).toHaveAttribute('href', /^webcal:\/\/127\.0\.0\.1:\d+\/api\/v1\/workshops\.ics$/);

  await page.goto('/?kind=marche');
  await expect(page.getByRole('link', { name: "S'abonner dans mon agenda" })).toHaveAttribute('href', /workshops\.ics\?kind=marche$/);
  // For a calendar that asks for an address: the same feed over http(s), which answers.
  const feed = page.getByRole('link', { name: 'flux iCalendar' });
  expect(await feed.evaluate((link) => link.href)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/workshops\.ics\?kind=marche$/);
  const ics = await request.get(await feed.evaluate((link) => link.href));
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('BEGIN:VCALENDAR');
});

test('the app runs under its Content-Security-Policy without a single violation', async ({ page, request }) => {
  const violations = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  await expect(page.locator('.next-stop-card')).toBeVisible();
  const [first] = await upcomingWorkshops(request);
  await page.locator('.workshop-card').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  expect(violations).toEqual([]);
});
