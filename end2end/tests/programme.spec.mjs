// The season's programme outside the app: the month's poster and the week's, printed by
// Chromium on A4 (its PDF's pages counted), and the widget a centre's website frames, from
// another origin on loopback, while every other page refuses to be framed.
import http from 'node:http';
import { dayAhead, demo, expect, logIn, parisDay, serverNow, test } from './helpers.mjs';

const csrf = { 'X-Bocal-Request': '1' };

/** How many pages Chromium's PDF of `page` has (A4, as the page's print stylesheet asks). */
async function printedPages(page) {
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** "2027-04": the month `months` after the server's. */
function monthAhead(months) {
  const [year, month] = parisDay(serverNow()).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 7);
}

/** The month's stops that take place, as the API lists them. */
async function stopsOf(request, month) {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const { workshops } = await (await request.get(`/api/v1/workshops?from=${month}-01&to=${last}`)).json();
  return workshops.filter((w) => w.status !== 'cancelled');
}

test('the poster of this month lists its stops and prints on one A4 page; a bad month is refused in French', async ({ page, request }) => {
  const month = parisDay(serverNow()).slice(0, 7);
  const stops = await stopsOf(request, month);
  expect(stops.length).toBeGreaterThan(5);
  await page.goto(`/programme?mois=${month}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Le camion en');
  await expect(page.locator('.stop')).toHaveCount(stops.length);
  for (const stop of stops) {
    await expect(page.locator('.stop-where').filter({ hasText: stop.place.name }).first()).toBeVisible();
  }
  // The three centres by name, and the QR code to the site.
  const centres = await (await request.get('/api/v1/centres')).json();
  for (const centre of centres) await expect(page.locator('.poster-centres')).toContainText(centre.name);
  await expect(page.locator('.poster-qr svg')).toBeVisible();
  expect(await printedPages(page)).toBe(1);

  const refused = await page.goto('/programme?mois=décembre');
  expect(refused.status()).toBe(400);
  await expect(page.locator('main')).toContainText('Mois attendu sous la forme 2026-12');
});

test('a busy month still holds on one page in smaller type, and a crowded one on two at most', async ({ page }, testInfo) => {
  // A month of its own for each project (the end-to-end database is shared), with no demo stop.
  const month = monthAhead(testInfo.project.name === 'phone' ? 4 : 5);
  await logIn(page, demo.animator, '**/animation');
  const places = await (await page.request.get('/api/v1/places')).json();
  const place = places.reduce((a, b) => (`${a.name}${a.commune}`.length >= `${b.name}${b.commune}`.length ? a : b));
  const [centre] = await (await page.request.get('/api/v1/centres')).json();
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const series = async (title, weekdays) => {
    const response = await page.request.post('/api/v1/workshops', {
      headers: csrf,
      data: {
        title, kind: 'transformation', date: `${month}-01`, start: '14:00:00', end: '17:30:00',
        place: { type: 'saved', id: place.id }, centre_id: centre.id, capacity: 12,
        repeat: { every_weeks: 1, weekdays, until: last },
      },
    });
    expect(response.status(), await response.text()).toBe(201);
  };
  // Three stops a week at the longest-named place: a busy month.
  await series('Conserves de printemps', [2, 4, 6]);
  const busy = (await stopsOf(page.request, month)).length;
  expect(busy).toBeGreaterThanOrEqual(13);
  await page.goto(`/programme?mois=${month}`);
  await expect(page.locator('.stop')).toHaveCount(busy);
  await expect(page.locator('.stops')).toHaveClass(/stops-(medium|snug|small)/);
  expect(await printedPages(page)).toBe(1);

  // Every day besides: more than a sheet holds, and two are enough.
  await series('Tous les jours', [1, 2, 3, 4, 5, 6, 7]);
  await page.goto(`/programme?mois=${month}`);
  await expect(page.locator('.stop')).toHaveCount((await stopsOf(page.request, month)).length);
  expect(await printedPages(page)).toBe(2);
});

test("the week's poster for the truck's window lists that week's stops with what is made, on one page", async ({ page, request }) => {
  // Any day names its week: today's, from Monday to Sunday.
  const today = new Date(`${dayAhead(0)}T12:00:00Z`);
  const monday = new Date(today - ((today.getUTCDay() + 6) % 7) * 86400000);
  const from = monday.toISOString().slice(0, 10);
  await page.goto(`/programme?semaine=${dayAhead(0)}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Cette semaine, du ${monday.getUTCDate() === 1 ? '1er' : monday.getUTCDate()} `);
  const sunday = new Date(Date.parse(`${from}T12:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10);
  const { workshops } = await (await request.get(`/api/v1/workshops?from=${from}&to=${sunday}`)).json();
  const stops = workshops.filter((w) => w.status !== 'cancelled');
  await expect(page.locator('.stop')).toHaveCount(stops.length);
  for (const stop of stops) await expect(page.locator('.stop-what').filter({ hasText: stop.title }).first()).toBeVisible();
  expect(await printedPages(page)).toBe(1);
});

test('a centre frames the widget from its own site; no other page of Bocal can be framed', async ({ page, request }, testInfo) => {
  const bocal = testInfo.project.use.baseURL;
  // A centre's website: another origin on loopback, framing the widget and the home page.
  const site = http.createServer((_, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><title>Maison de quartier</title><h1>Maison de quartier</h1>
      <iframe id="widget" src="${bocal}/widget?nombre=3" title="Prochains ateliers" width="360" height="500"></iframe>
      <iframe id="app" src="${bocal}/" title="Bocal" width="360" height="500"></iframe>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  try {
    const origin = `http://127.0.0.1:${site.address().port}`;
    expect(origin).not.toBe(bocal);
    await page.goto(origin);
    await page.waitForLoadState('load');
    // The widget shows the next three stops, as the API lists them, with links into Bocal.
    const next = (await (await request.get('/api/v1/workshops')).json()).workshops.slice(0, 3);
    const widget = page.frameLocator('#widget');
    await expect(widget.getByRole('heading', { name: 'Prochains ateliers de la conserverie mobile' })).toBeVisible();
    await expect(widget.locator('.stop')).toHaveCount(3);
    for (const [index, stop] of next.entries()) {
      await expect(widget.locator('.stop-what').nth(index)).toHaveText(stop.title);
      await expect(widget.locator('.stop a').nth(index)).toHaveAttribute('href', `/ateliers/${stop.id}`);
    }
    // The app's own page is refused its frame: Chromium shows its error page instead.
    const app = page.frames().find((frame) => frame.parentFrame() === page.mainFrame() && !frame.url().includes('/widget'));
    expect(app.url()).toMatch(/^chrome-error:/);
    await expect(page.frameLocator('#app').locator('.site-header')).toHaveCount(0);
  } finally {
    site.close();
  }

  // What the browser was told: the widget alone may be framed, carries no script nor cookie.
  const widgetResponse = await request.get('/widget?type=marche');
  expect(widgetResponse.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(widgetResponse.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(widgetResponse.headers()['x-frame-options']).toBeUndefined();
  expect(widgetResponse.headers()['set-cookie']).toBeUndefined();
  expect(await widgetResponse.text()).not.toContain('<script');
  for (const path of ['/', '/programme', '/ateliers/1', '/animation', '/icon.svg', '/api/v1/workshops']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], path).toBe('DENY');
  }
});

test("staff copy the widget's snippet for one centre, and its preview shows that centre's stops only", async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  await context.clock.install({ time: serverNow() });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await logIn(page, demo.animator, '**/animation');
  await page.getByRole('link', { name: 'Affiches et site web' }).click();
  await expect(page.getByRole('heading', { name: 'Affiches et site web' })).toBeVisible();
  const centres = await (await page.request.get('/api/v1/centres')).json();
  const centre = centres[1];
  await page.getByLabel('Centre', { exact: true }).selectOption({ label: centre.name });
  await page.getByLabel('Nombre de dates').selectOption('3');
  await page.getByRole('button', { name: 'Copier' }).click();
  await expect(page.getByRole('status')).toContainText('Copié');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`<iframe src="${testInfo.project.use.baseURL}/widget?`);
  expect(copied).toContain(`centre=${centre.id}`);
  expect(copied).toContain('nombre=3');
  expect(copied).toContain('title="Prochains ateliers de la conserverie mobile"');

  // The preview is that widget: only the centre's upcoming stops.
  const { workshops } = await (await page.request.get(`/api/v1/workshops?centre=${centre.id}`)).json();
  const preview = page.frameLocator('.widget-preview');
  await expect(preview.locator('.stop')).toHaveCount(Math.min(3, workshops.length));
  await expect(preview.locator('.stop-what').first()).toHaveText(workshops[0].title);
  // The posters open from here.
  await expect(page.getByRole('link', { name: /Affiche de cette semaine/ })).toHaveAttribute('href', /^\/programme\?semaine=\d{4}-\d{2}-\d{2}$/);
  await context.close();
});
