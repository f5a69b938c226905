// Screenshots of the main screens at phone and desktop width, for a person to look at.
//   node end2end/screenshots.mjs [base URL] [output folder]
// Needs a running server (scripts/run). Writes PNGs; asserts nothing.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { cameraPhoto } from './tests/helpers.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
mkdirSync(out, { recursive: true });

const { workshops } = await (await fetch(`${base}/api/v1/workshops`)).json();
const cancelled = workshops.find((w) => w.status === 'cancelled');
const recipes = await (await fetch(`${base}/api/v1/recipes`)).json();
const ratatouille = recipes.find((r) => r.title === 'Ratatouille') ?? recipes[0];
const pages = {
  home: '/',
  filtered: '/?commune=Romans-sur-Is%C3%A8re&kind=transformation',
  workshop: `/ateliers/${workshops[0].id}`,
  cancelled: `/ateliers/${cancelled.id}`,
  missing: '/ateliers/999999',
  login: '/connexion',
  producer: '/producteurs/inscription',
  recipes: '/recettes',
  recipe: `/recettes/${ratatouille.id}`,
  impact: '/impact',
};
// Seen after logging in as the demo animator (see the README).
const staffPages = {
  account: '/mon-compte',
  staff: '/animation',
  'new-workshop': '/animation/ateliers/nouveau',
  'edit-workshop': `/animation/ateliers/${workshops[0].id}`,
  'new-account': '/animation/comptes/nouveau',
  places: '/animation/lieux',
  accounts: '/animation/comptes',
  'counter-signup': `/ateliers/${workshops[0].id}`,
  market: '/animation/marche',
  'recipe-editor': `/animation/recettes/${ratatouille.id}`,
  round: '/animation/tournee',
  counter: '/animation/comptoir',
  stock: '/animation/stock',
  batches: '/animation/fabrication',
  'new-batch': '/animation/fabrication/nouveau',
  // The demo's two batches: the soup (conforming), the pears (not).
  batch: '/animation/fabrication/1',
  'batch-blocked': '/animation/fabrication/2',
  labels: '/animation/fabrication/1/etiquettes',
  'staff-impact': '/animation/impact',
};
// Seen after logging in as the demo farmer.
const farmerPages = {
  'my-lots': '/producteur/lots',
  'new-lot': '/producteur/lots/nouveau',
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const [device, viewport] of Object.entries({ phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } })) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(base + path);
    await page.waitForSelector('main h1');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}-${device}.png`, fullPage: true });
  }
  await page.goto(`${base}/connexion`);
  await page.fill('#login', '100002');
  await page.fill('#password', 'animation');
  await page.click('button[type=submit]');
  await page.waitForURL('**/animation');
  for (const [name, path] of Object.entries(staffPages)) {
    await page.goto(base + path);
    await page.waitForSelector('main h1');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}-${device}.png`, fullPage: true });
  }
  // The counter once a member's card is scanned (the scanner types the number and Enter).
  await page.goto(`${base}/animation/comptoir`);
  await page.fill('#member-search', '100003');
  await page.press('#member-search', 'Enter');
  await page.waitForSelector('.member-desk .wallet-number');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/counter-member-${device}.png`, fullPage: true });
  // The batch form filled in: the soup, from the squash, with a probe log read as typed.
  await page.goto(`${base}/animation/fabrication/nouveau`);
  await page.selectOption('#batch-recipe', { label: 'Soupe de courge (version 2)' });
  await page.waitForSelector('#batch-jars-370');
  await page.locator('.lot-choice', { hasText: 'Courges' }).getByRole('checkbox').check();
  await page.fill('#batch-jars-370', '20');
  await page.getByLabel('Relevé de sonde (autoclave)').check();
  const log = Array.from({ length: 41 }, (_, minute) => `${minute}:00;${Math.min(20 + minute * 5, 120)},0`).join('\n');
  await page.fill('#batch-log', log);
  await page.screenshot({ path: `${out}/new-batch-filled-${device}.png`, fullPage: true });
  await context.clearCookies();
  await page.goto(`${base}/connexion`);
  await page.fill('#login', '100003');
  await page.fill('#password', 'confiture');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  await page.goto(`${base}/portefeuille`);
  await page.waitForSelector('.wallet-summary');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/wallet-${device}.png`, fullPage: true });
  // The admin's stock page, where prices are set.
  await context.clearCookies();
  await page.goto(`${base}/connexion`);
  await page.fill('#login', '100001');
  await page.fill('#password', 'administration');
  await page.click('button[type=submit]');
  await page.waitForURL('**/animation');
  await page.goto(`${base}/animation/stock`);
  await page.waitForSelector('.price-editor');
  await page.screenshot({ path: `${out}/stock-admin-${device}.png`, fullPage: true });
  await context.clearCookies();
  await page.goto(`${base}/connexion`);
  await page.fill('#login', '100004');
  await page.fill('#password', 'vergers26');
  await page.click('button[type=submit]');
  // The farmer lands on their lots, where the team's changes show as news (once).
  await page.waitForURL('**/producteur/lots');
  for (const [name, path] of Object.entries(farmerPages)) {
    if (!page.url().endsWith(path)) await page.goto(base + path);
    await page.waitForSelector('main .lot, main form');
    await page.waitForSelector('main h1');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}-${device}.png`, fullPage: true });
  }
  // Offline (#8): in a field with no signal the farmer publishes a lot with a photo; both wait
  // on the phone. The app was loaded once above, so its service worker starts it.
  const photo = await cameraPhoto(page);
  // The calendar read once with the network: it shows offline below.
  await page.goto(`${base}/`);
  await page.waitForSelector('.workshop-card');
  await context.setOffline(true);
  await page.goto(`${base}/producteur/lots/nouveau`);
  await page.waitForSelector('main form');
  await page.fill('#produce', 'Potimarrons');
  await page.getByRole('button', { name: 'En kilos' }).click();
  await page.fill('#quantity', '25');
  await page.locator('#photos').setInputFiles(photo);
  await page.waitForSelector('.photo-waiting');
  await page.screenshot({ path: `${out}/new-lot-offline-${device}.png`, fullPage: true });
  await page.getByRole('button', { name: 'Publier le lot' }).click();
  await page.waitForSelector('.waiting-lot');
  await page.screenshot({ path: `${out}/my-lots-offline-${device}.png`, fullPage: true });
  await page.goto(`${base}/`);
  await page.waitForSelector('.banner-offline');
  await page.waitForSelector('.workshop-card');
  await page.screenshot({ path: `${out}/home-offline-${device}.png`, fullPage: true });
  await context.setOffline(false);
  await context.close();
}
await browser.close();
console.log(`screenshots written to ${out}/`);
