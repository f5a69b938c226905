// Every page, scanned by axe-core (WCAG 2.1 A and AA rules, and axe's best practices) once it
// has rendered: zero violations. Then the same page 320 px wide (a 1280 px screen at 400 %
// zoom, WCAG's "reflow"): nothing may need a sideways scroll. Public pages anonymously, then
// the member's, the farmer's and the team's pages logged in as the demo accounts.
import { demo, expect, logIn, newMember, overflowsWhenZoomed, test, violations } from './helpers.mjs';

/** Opens each path, waits until it has rendered, and scans it. */
async function scan(page, paths, ready = 'main h1') {
  const found = {};
  for (const path of paths) {
    await page.goto(path);
    await page.waitForSelector(ready);
    await page.waitForLoadState('networkidle');
    const list = [...(await violations(page)), ...(await overflowsWhenZoomed(page))];
    if (list.length) found[path] = list;
  }
  return found;
}

test('public pages have no accessibility violation', async ({ page, request }) => {
  const { workshops } = await (await request.get('/api/v1/workshops')).json();
  const recipes = await (await request.get('/api/v1/recipes')).json();
  const cancelled = workshops.find((w) => w.status === 'cancelled');
  const found = await scan(page, [
    '/',
    '/?commune=Romans-sur-Is%C3%A8re&kind=transformation',
    `/ateliers/${workshops[0].id}`,
    `/ateliers/${cancelled.id}`,
    '/ateliers/999999',
    '/recettes',
    `/recettes/${recipes[0].id}`,
    '/connexion',
    '/producteurs/inscription',
    '/impact',
    '/confidentialite',
    '/mentions-legales',
    '/une-page-qui-n-existe-pas',
    // The server-written programme: the month's poster, the week's, the widget.
    '/programme',
    `/programme?semaine=${workshops[0].starts_at.slice(0, 10)}`,
    '/widget?nombre=10',
  ]);
  expect(found).toEqual({});
});

test('the member’s, the farmer’s and the team’s pages have no accessibility violation', async ({ browser }) => {
  test.setTimeout(120_000);
  // A member of their own, with minutes credited: the wallet shows a history and a chart.
  const account = await newMember(browser, `Axe ${Date.now() % 100000}`);
  const team = await browser.newPage();
  await logIn(team, demo.admin, '**/animation');
  const centres = await (await team.request.get('/api/v1/centres')).json();
  const credit = await team.request.post('/api/v1/ledger', {
    headers: { 'X-Bocal-Request': '1' },
    data: {
      idempotency_key: `axe-${Date.now()}-${Math.random()}`.slice(0, 60),
      operation: { type: 'volunteering', participant_id: account.id, centre_id: centres[0].id, minutes: 45, note: 'Accueil' },
    },
  });
  expect(credit.status()).toBe(201);
  const member = await browser.newPage();
  await logIn(member, account, (url) => !url.pathname.startsWith('/connexion'));
  const found = await scan(member, ['/mon-compte', '/mon-compte/donnees', '/portefeuille']);
  await member.close();

  const farmer = await browser.newPage();
  await logIn(farmer, demo.producer, '**/producteur/lots');
  Object.assign(found, await scan(farmer, ['/producteur/lots', '/producteur/lots/nouveau']));
  await farmer.close();

  const { workshops } = await (await team.request.get('/api/v1/workshops')).json();
  const recipes = await (await team.request.get('/api/v1/recipes')).json();
  Object.assign(
    found,
    await scan(team, [
      '/animation',
      '/animation/ateliers/nouveau',
      `/animation/ateliers/${workshops[0].id}`,
      '/animation/comptes',
      '/animation/comptes/nouveau',
      '/animation/lieux',
      '/animation/marche',
      '/animation/tournee',
      '/animation/recettes/nouvelle',
      `/animation/recettes/${recipes[0].id}`,
      '/animation/comptoir',
      '/animation/stock',
      '/animation/fabrication',
      '/animation/fabrication/nouveau',
      // The demo's batches: the soup (conforming, with its probe curve) and the pears (not).
      '/animation/fabrication/1',
      '/animation/fabrication/2',
      '/animation/fabrication/1/etiquettes',
      '/animation/impact',
      '/animation/programme',
      '/animation/journal',
      '/animation/reglages',
    ]),
  );
  // The counter with a member open.
  await team.goto('/animation/comptoir');
  await team.getByLabel('Membre : nom, n° de membre ou carte scannée').fill('100003');
  await team.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await team.waitForSelector('.member-desk .wallet-number');
  await team.waitForLoadState('networkidle');
  const desk = [...(await violations(team)), ...(await overflowsWhenZoomed(team))];
  if (desk.length) found['/animation/comptoir (membre ouvert)'] = desk;
  await team.close();
  expect(found).toEqual({});
});
