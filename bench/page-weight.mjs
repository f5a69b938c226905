// What the first visit of each entry route downloads, as Chromium counts it (bytes on the
// wire, headers included), with an empty cache and no service worker yet (it installs after
// the page has loaded, from the files just downloaded). Pages behind a login are measured
// after logging in and emptying the cache.
//   node bench/page-weight.mjs BASE_URL FLOOR_BYTES
// FLOOR_BYTES: the Leptos floor, wasm + js (scripts/page-budget). Needs a running server with
// the demo data. Prints a table; asserts nothing.
import { chromium } from '@playwright/test';
import { demo, logIn } from '../end2end/tests/helpers.mjs';

const [base, floor] = [process.argv[2], Number(process.argv[3])];

const { workshops } = await (await fetch(`${base}/api/v1/workshops`)).json();
const recipes = await (await fetch(`${base}/api/v1/recipes`)).json();
// The demo member (README), whom no test has changed on this fresh demo database.
const member = { login: '100003', password: 'confiture' };
const routes = [
  ['calendar (home)', '/'],
  ['a workshop', `/ateliers/${workshops[0].id}`],
  ['recipes', '/recettes'],
  ['a recipe', `/recettes/${recipes[0].id}`],
  ['impact', '/impact'],
  ['login', '/connexion'],
  ['wallet (member)', '/portefeuille', member],
  ['my lots (farmer)', '/producteur/lots', demo.producer],
  ['counter (animator)', '/animation/comptoir', demo.animator],
];

function kindOf(url, type) {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (type === 'script') return 'js';
  if (/\.(svg|png|jpe?g|webp)$/.test(path) || path.startsWith('/api/v1/lot-photos/')) return 'images';
  if (path.startsWith('/api/')) return 'api';
  return type === 'document' ? 'html' : type === 'stylesheet' ? 'css' : 'other';
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const columns = ['html', 'js', 'wasm', 'css', 'api', 'images', 'other'];
console.log(
  ['route'.padEnd(20), ...columns.map((c) => c.padStart(8)), 'total'.padStart(9), 'x floor'.padStart(8)].join(' '),
);
for (const [name, path, account] of routes) {
  const context = await browser.newContext({
    baseURL: base,
    serviceWorkers: 'block',
    viewport: { width: 390, height: 844 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (account) {
    // Logged in through the login page (the app keeps who is logged in), then the cache is
    // emptied: what follows is the first visit of someone logged in.
    await logIn(page, account, (url) => !url.pathname.startsWith('/connexion'));
    // The page logging in leads to finishes loading first: its late requests are not the
    // measured visit's.
    await page.waitForLoadState('networkidle');
    await cdp.send('Network.clearBrowserCache');
  }
  const requests = new Map();
  const bytes = Object.fromEntries(columns.map((c) => [c, 0]));
  const inFlight = new Map();
  let lastActivity = Date.now();
  const settle = ({ requestId }) => {
    inFlight.delete(requestId);
    lastActivity = Date.now();
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    inFlight.set(requestId, request.url);
    lastActivity = Date.now();
  });
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    requests.set(requestId, { url: response.url, type: type.toLowerCase(), encoding: response.headers['content-encoding'] });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId);
    if (request) bytes[kindOf(request.url, request.type)] += encodedDataLength;
    settle({ requestId });
  });
  cdp.on('Network.loadingFailed', settle);
  await page.goto(base + path);
  // The app has started and drawn its page (a heading), then nothing was asked for 1 s.
  await page.locator('main h1').first().waitFor();
  const started = Date.now();
  while ((inFlight.size > 0 || Date.now() - lastActivity < 1000) && Date.now() - started < 20_000) {
    await page.waitForTimeout(100);
  }
  if (inFlight.size > 0) console.warn(`${name}: still open after 20 s: ${[...inFlight.values()].join(', ')}`);
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  const wasm = [...requests.values()].find((r) => r.url.endsWith('.wasm'));
  console.log(
    [
      `${name}`.padEnd(20),
      ...columns.map((c) => String(bytes[c]).padStart(8)),
      String(total).padStart(9),
      `${(total / floor).toFixed(2)}x`.padStart(8),
      wasm ? `(wasm sent as ${wasm.encoding ?? 'identity'})` : '',
    ].join(' '),
  );
  await context.close();
}
await browser.close();
