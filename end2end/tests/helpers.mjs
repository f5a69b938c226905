// What the tests expect is read from the API, never written into the tests.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The server runs at a pinned moment (BOCAL_TEST_NOW, see playwright.config.mjs). The tests read
// the time from it, never from the machine: `serverNow()`, and each browser context's clock.

/** How far the server's clock is ahead of this process's, in ms (set once per worker). */
let serverClockOffset = null;

/** Now, by the server's clock. */
export function serverNow() {
  if (serverClockOffset === null) throw new Error('the server clock is read by the `test` fixtures');
  return new Date(Date.now() + serverClockOffset);
}

/** A browser context whose pages' clock (Date, timers) runs from the server's now. */
export async function newContext(browser, options) {
  const context = await browser.newContext(options);
  await context.clock.install({ time: serverNow() });
  return context;
}

/** Playwright's `test`, with the server's clock read once per worker and every page's clock
 * set to it. Every spec imports `test` from here. */
export const test = base.extend({
  serverClock: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      const sent = Date.now();
      const answer = await request.get('/api/v1/health');
      // The Date header has whole seconds: take the middle of its second.
      const server = new Date(answer.headers().date).getTime() + 500;
      serverClockOffset = server - (sent + Date.now()) / 2;
      await request.dispose();
      await use(serverClockOffset);
    },
    { scope: 'worker', auto: true },
  ],
  context: async ({ context }, use) => {
    await context.clock.install({ time: serverNow() });
    await use(context);
  },
});
export { expect };

/** Every upcoming workshop, as the API lists them. */
export async function upcomingWorkshops(request) {
  const response = await request.get('/api/v1/workshops');
  if (!response.ok()) throw new Error(`GET /api/v1/workshops: ${response.status()}`);
  return (await response.json()).workshops;
}

/** What the home page lists at first: the first four weeks holding a workshop
 * (`WEEKS_PER_PAGE` in src/api/workshops.rs), and where the next weeks start. */
export async function homeFirstWeeks(request) {
  const response = await request.get('/api/v1/workshops?weeks=4');
  if (!response.ok()) throw new Error(`GET /api/v1/workshops?weeks=4: ${response.status()}`);
  return response.json();
}

/** The rule of the home page: the earliest stop not cancelled and not over. */
export function expectedNextStop(workshops, now = serverNow()) {
  return workshops
    .filter((w) => w.status !== 'cancelled' && new Date(w.ends_at) > now)
    .sort((a, b) => new Date(a.starts_at) - new Date(b.starts_at) || a.id - b.id)[0];
}

/** "14 h" or "9 h 30": a time as French speakers write it, in Paris time. */
export function parisClock(instant) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const hour = Number(parts.find((p) => p.type === 'hour').value);
  const minute = parts.find((p) => p.type === 'minute').value;
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

/** "2026-12-02": the Paris calendar day of an instant. */
export function parisDay(instant) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(instant));
}

/** The demo accounts, as printed by the run command and written in the README. */
export const demo = {
  animator: { login: '100002', password: 'animation' },
  admin: { login: '100001', password: 'administration' },
  producer: { login: '100004', password: 'vergers26' },
};

/** Logs in through the login page and waits for the page it leads to. */
export async function logIn(page, { login, password }, landing) {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(landing);
}

/** A date `days` ahead, as a date input wants it (YYYY-MM-DD, Paris calendar). */
export function dayAhead(days) {
  // Calendar days from today in Paris, not 24-hour steps (a day of 23 or 25 hours in March or
  // October would land on the wrong date late in the evening).
  const today = parisDay(serverNow());
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A photo as a phone camera would give it: a JPEG drawn by the browser itself, ready for
 * `setInputFiles`. */
export async function cameraPhoto(page, name = 'IMG_2026.jpg') {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const context = canvas.getContext('2d');
    context.fillStyle = '#c0392b';
    context.fillRect(0, 0, 1200, 900);
    context.fillStyle = '#27ae60';
    context.fillRect(100, 100, 300, 200);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** A 12 MP photo as a phone camera saves it (4000 × 3000 JPEG at quality 0.92, with the grain
 * of a real picture so that it weighs megabytes, not kilobytes). */
export async function twelveMegapixelPhoto(page, name = 'IMG_2026_12MP.jpg') {
  const base64 = await page.evaluate(() => {
    const [width, height] = [4000, 3000];
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, '#c0392b');
    gradient.addColorStop(1, '#27ae60');
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    // A fixed pseudo-random grain: the same file at every run.
    let seed = 2026;
    for (let index = 0; index < pixels.data.length; index += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) % 48 - 24;
      pixels.data[index] += grain;
      pixels.data[index + 1] += grain;
      pixels.data[index + 2] += grain;
    }
    context.putImageData(pixels, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1];
  });
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** The width and height of a picture's bytes, as the browser decodes them. */
export async function pictureSize(page, bytes) {
  return page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data]));
    return [bitmap.width, bitmap.height];
  }, bytes.toString('base64'));
}

/** A new member, made by the admin through the API (the counter's account form is tested in
 * accounts.spec), who has already chosen a password. Tests use their own: another test gives
 * the demo member a new code. */
export async function newMember(browser, name, { phone = '' } = {}) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await logIn(page, demo.admin, '**/animation');
  const centres = await (await page.request.get('/api/v1/centres')).json();
  const created = await page.request.post('/api/v1/accounts', {
    headers: { 'X-Bocal-Request': '1' },
    data: { display_name: name, role: 'participant', centre_id: centres[0].id, phone },
  });
  expect(created.status()).toBe(201);
  const { account, initial_password: code } = await created.json();
  await context.close();

  const memberContext = await newContext(browser);
  const member = await memberContext.newPage();
  await logIn(member, { login: account.member_number, password: code }, '**/mon-compte');
  const password = 'bocaux-de-coings';
  const changed = await member.request.put('/api/v1/me/password', {
    headers: { 'X-Bocal-Request': '1' },
    data: { current_password: code, new_password: password },
  });
  expect(changed.status()).toBe(204);
  await memberContext.close();
  return { id: account.id, login: account.member_number, password };
}

/** A lot of `produce` a farm offered and the truck collected (`grams`, for `workshop` when
 * given), for a batch to use. */
export async function collectedLot(browser, produce, grams, { variety = `Lot ${Date.now() % 100000}`, workshop = null } = {}) {
  const headers = { 'X-Bocal-Request': '1' };
  const farm = await (await newContext(browser)).newPage();
  await logIn(farm, demo.producer, '**/producteur/lots');
  const offered = await farm.request.post('/api/v1/lots', {
    headers,
    data: {
      produce, variety, quantity: { type: 'grams', grams: grams + 1000 },
      grade: 'surplus', pickup_address: '12 chemin des Vergers', pickup_commune: 'Peyrins',
      available_from: dayAhead(0), available_until: dayAhead(3), price: { type: 'gift' },
    },
  });
  expect(offered.status(), await offered.text()).toBe(201);
  const lot = await offered.json();
  await farm.context().close();
  const truck = await (await newContext(browser)).newPage();
  await logIn(truck, demo.animator, '**/animation');
  for (const action of [{ action: 'reserve', collect_on: dayAhead(0), workshop_id: workshop?.id ?? null }, { action: 'collect', grams }]) {
    const done = await truck.request.post(`/api/v1/lots/${lot.id}/actions`, { headers, data: action });
    expect(done.status(), await done.text()).toBe(200);
  }
  await truck.context().close();
  return lot;
}

/** Records a batch of `recipe` (its current version, validated) from `lot`, its first
 * schedule row confirmed as held: `jars` jars of that size. */
export async function recordBatch(request, recipe, lot, jars) {
  const row = recipe.content.schedule.rows[0];
  const recorded = await request.post('/api/v1/batches', {
    headers: { 'X-Bocal-Request': '1' },
    data: {
      idempotency_key: `batch-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      recipe_id: recipe.id, recipe_version: recipe.version, workshop_id: null, made_on: dayAhead(0),
      inputs: [{ lot_id: lot.id, grams: 4000 }], jars: [{ jar_ml: row.jar_ml, jars }],
      process: { kind: 'schedule', rows: [{ jar_ml: row.jar_ml, temperature_tenths: row.temperature_tenths, minutes: row.minutes }] },
      product_ph_hundredths: recipe.content.ph.hundredths,
      probe: { name: 'Sonde de test', calibrated_on: dayAhead(-30), calibration_due: dayAhead(300) },
      note: '',
    },
  });
  expect(recorded.status(), await recorded.text()).toBe(201);
  return recorded.json();
}

// Accessibility checks (accessibility.spec, and states other specs reach, such as offline).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's violations, each as "rule: target (summary)". */
export async function violations(page) {
  // Evaluated through the browser's debugging protocol: the page's CSP does not apply.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${node.failureSummary?.split('\n')[1]?.trim() ?? violation.help})`),
  );
}

/** Whether the page, 320 px wide, needs a sideways scroll. */
export async function overflowsWhenZoomed(page) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => {
    const extra = document.documentElement.scrollWidth - window.innerWidth;
    if (extra <= 0) return null;
    // The innermost element that sticks out, to say where to look.
    const culprit = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .pop();
    const name = culprit ? `${culprit.tagName.toLowerCase()}.${culprit.className} "${culprit.textContent.slice(0, 40)}"` : '?';
    return `reflow: ${extra} px wider than 320 px, at ${name}`;
  });
  await page.setViewportSize(viewport);
  return overflow ? [overflow] : [];
}

/** What the loopback SMS gateway (end2end/sms-gateway.mjs) received for the phone `to`
 * (international format), oldest first. */
// The e-mails the loopback SMTP server received for `address` (end2end/mail-receiver.mjs).
export async function mailTo(address) {
  const port = process.env.BOCAL_E2E_MAIL_PORT ?? '8095';
  const response = await fetch(`http://127.0.0.1:${port}/received`);
  return (await response.json()).filter((mail) => mail.to.includes(address));
}

export async function smsTo(to) {
  const port = process.env.BOCAL_E2E_SMS_PORT ?? '8098';
  const response = await fetch(`http://127.0.0.1:${port}/received`);
  return (await response.json()).filter((sms) => sms.to === to);
}
