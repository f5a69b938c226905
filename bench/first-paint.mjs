// When a first visit on a slow phone shows something, when the home page's answer (the next
// stop's place, in the first HTML) is readable, and when the app has drawn the page: real
// loads in Debian's Chromium with Lighthouse's mobile conditions applied (slow 4G: 1.6 Mbit/s,
// 150 ms round trip; a 4× slower CPU), not simulated. Cold loads: empty cache, no service worker.
//   node bench/first-paint.mjs BASE_URL
// Needs a running server with the demo data. Prints the median of three loads per page.
import { chromium } from '@playwright/test';

const [base] = process.argv.slice(2);
const recipes = await (await fetch(`${base}/api/v1/recipes`)).json();
// [name, route, the answer a person came for (null: the app's page is the answer), the app's page]
const pages = [
  ['home', '/', '.next-stop .next-place', '.workshop-card'],
  ['recipe', `/recettes/${recipes[0].id}`, null, 'main h1'],
];
const runs = 3;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(['page'.padEnd(8), 'first paint'.padStart(12), 'answer read'.padStart(12), 'app shown'.padStart(12)].join(' '));
for (const [name, route, answer, content] of pages) {
  const firstPaints = [];
  const answered = [];
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
    if (answer) {
      await page.locator(answer).first().waitFor({ timeout: 60_000 });
      answered.push(await page.evaluate(() => performance.now()));
    }
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
  const answerRead = answered.length ? seconds(median(answered)) : '—'.padStart(12);
  console.log([name.padEnd(8), seconds(median(firstPaints)), answerRead, seconds(median(shown))].join(' '));
}
await browser.close();
