// When a first visit on a slow phone shows something, and when it shows the page itself: real
// loads in Debian's Chromium with Lighthouse's mobile conditions applied (slow 4G: 1.6 Mbit/s,
// 150 ms round trip; a 4× slower CPU), not simulated. Cold loads: empty cache, no service worker.
//   node bench/first-paint.mjs BASE_URL
// Needs a running server with the demo data. Prints the median of three loads per page.
import { chromium } from '@playwright/test';

const [base] = process.argv.slice(2);
const recipes = await (await fetch(`${base}/api/v1/recipes`)).json();
const pages = [
  ['home', '/', '.workshop-card'],
  ['recipe', `/recettes/${recipes[0].id}`, 'main h1'],
];
const runs = 3;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(['page'.padEnd(8), 'first paint'.padStart(12), 'page shown'.padStart(12)].join(' '));
for (const [name, route, content] of pages) {
  const firstPaints = [];
  const shown = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 1.6e6 / 8,
      uploadThroughput: 750e3 / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(base + route, { waitUntil: 'commit' });
    await page.locator(content).first().waitFor({ timeout: 60_000 });
    const times = await page.evaluate(() => ({
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      shown: performance.now(),
    }));
    firstPaints.push(times.firstPaint);
    shown.push(times.shown);
    await context.close();
  }
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(12);
  console.log([name.padEnd(8), seconds(median(firstPaints)), seconds(median(shown))].join(' '));
}
await browser.close();
