// Lighthouse (mobile profile: a mid-range phone, slow 4G, simulated) on the home page, a recipe
// and the wallet, in Debian's Chromium. Cold loads: empty cache, no service worker.
//   node bench/lighthouse.mjs BASE_URL REPORT_FOLDER
// Needs a running server with the demo data. Runs each page three times and prints the run
// with the median performance score; writes each run's JSON report.
import { chromium } from '@playwright/test';
import { logIn } from '../end2end/tests/helpers.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [base, reports] = process.argv.slice(2);
mkdirSync(reports, { recursive: true });
const lighthouse = path.join(import.meta.dirname, 'node_modules/.bin/lighthouse');
const chromeFlags = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update';

const recipes = await (await fetch(`${base}/api/v1/recipes`)).json();
const ratatouille = recipes.find((r) => r.title === 'Ratatouille') ?? recipes[0];

/** A Chromium profile where the demo member is logged in (the app keeps a hint in local
 * storage, the server a cookie), with an empty cache. */
async function memberProfile() {
  const profile = mkdtempSync(path.join(tmpdir(), 'bocal-lighthouse-'));
  const context = await chromium.launchPersistentContext(profile, {
    baseURL: base,
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await logIn(page, { login: '100003', password: 'confiture' }, (url) => !url.pathname.startsWith('/connexion'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await context.close();
  return profile;
}

const pages = [
  ['home', '/', []],
  ['recipe', `/recettes/${ratatouille.id}`, []],
  // Keeps the profile's cookie and local storage (Lighthouse would clear them); a fresh
  // profile for each run (a second run on the same one fails to trace).
  ['wallet', '/portefeuille', ['--disable-storage-reset'], memberProfile],
];
const categories = ['performance', 'accessibility', 'best-practices'];
const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'];
console.log(['page'.padEnd(8), ...categories.map((c) => c.padStart(14)), '   FCP', '    LCP', '     TBT', '    CLS'].join(' '));
const runs = 3;
for (const [name, route, flags, newProfile] of pages) {
  const results = [];
  for (let run = 1; run <= runs; run++) {
    const report = path.join(reports, `${name}-${run}.json`);
    const profile = newProfile && (await newProfile());
    const flagsForChrome = profile ? `${chromeFlags} --user-data-dir=${profile}` : chromeFlags;
    execFileSync(
      lighthouse,
      [
        base + route,
        '--quiet',
        `--chrome-flags=${flagsForChrome}`,
        `--only-categories=${categories.join(',')}`,
        '--output=json',
        `--output-path=${report}`,
        '--max-wait-for-load=60000',
        ...flags,
      ],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 },
    );
    const result = JSON.parse(readFileSync(report, 'utf8'));
    if (result.finalDisplayedUrl && !result.finalDisplayedUrl.endsWith(route)) {
      console.warn(`${name}: Lighthouse ended on ${result.finalDisplayedUrl}`);
    }
    results.push(result);
  }
  results.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const result = results[Math.floor(runs / 2)];
  const scores = results.map((r) => Math.round(r.categories.performance.score * 100)).join(', ');
  console.log(
    [
      name.padEnd(8),
      ...categories.map((c) => String(Math.round(result.categories[c].score * 100)).padStart(14)),
      ...metrics.map((m, i) => result.audits[m].displayValue.padStart([6, 7, 8, 7][i])),
      `  (performance of the ${runs} runs: ${scores})`,
    ].join(' '),
  );
}
