// Offline-first (#8): the network is cut by the test (context offline), the real service worker,
// IndexedDB and server do the rest.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  cameraPhoto, demo, expect, logIn, newContext, newMember, overflowsWhenZoomed, pictureSize, serverNow, test,
  twelveMegapixelPhoto, upcomingWorkshops, violations,
} from './helpers.mjs';

const dist = path.resolve(import.meta.dirname, '../../dist');

/** Waits until the service worker controls the page: from then on it can start offline. */
async function controlledByServiceWorker(page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

/** A farmer logged in on a phone whose app has opened the lot form once with a connection
 * (so it knows their farm), and is ready to go offline. With `{ serviceWorkers: 'block' }` the
 * page has no service worker: the test's routes then see every request it makes. */
async function farmerWithFormOpenedOnce(browser, contextOptions = {}) {
  const context = await newContext(browser, contextOptions);
  const page = await context.newPage();
  await logIn(page, demo.producer, '**/producteur/lots');
  if (contextOptions.serviceWorkers !== 'block') {
    await controlledByServiceWorker(page);
  }
  await page.goto('/producteur/lots/nouveau');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proposer un lot');
  return { context, page };
}

/** Fills the lot form: produce, variety, kilos. */
async function fillLot(page, produce, variety, kilos) {
  await page.getByLabel('Ou un autre produit :').fill(produce);
  await page.getByLabel('Variété (facultatif)').fill(variety);
  await page.getByRole('button', { name: 'En kilos' }).click();
  await page.getByLabel('Poids en kilos').fill(kilos);
}

test('loaded once, the calendar and a recipe open again offline, with the date of their data', async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const workshops = await upcomingWorkshops(page.request);
  const recipes = await (await page.request.get('/api/v1/recipes')).json();
  const recipe = recipes[0];

  await page.goto('/');
  await controlledByServiceWorker(page);
  await expect(page.getByText(workshops[0].title).first()).toBeVisible();
  await page.goto(`/recettes/${recipe.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(recipe.title);
  await expect(page.locator('.banner-offline')).toHaveCount(0);

  await context.setOffline(true);
  await page.goto('/');
  await expect(page.getByText(workshops[0].title).first()).toBeVisible();
  const banner = page.locator('.banner-offline');
  await expect(banner).toContainText(/^Hors ligne : données du \d\d\/\d\d à \d+\sh(\s\d\d)?\.$/);
  await page.goto(`/recettes/${recipe.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(recipe.title);
  await expect(banner).toBeVisible();

  // Back online: the banner goes. (The page may hear "online" before the service worker can
  // reach the server: its read behind then fails, and the app's own check clears the banner.)
  await context.setOffline(false);
  await expect(banner).toHaveCount(0);
  await context.close();
});

test('online but without the server, the banner shows; it goes by itself once the server answers again', async ({ browser }) => {
  // No service worker: the page's own reads fail, as on a first visit. The app cannot count on
  // an "online" event here: the browser never went offline.
  const context = await newContext(browser, { serviceWorkers: 'block' });
  const page = await context.newPage();
  const recipes = await (await page.request.get('/api/v1/recipes')).json();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await context.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.getByRole('navigation').getByRole('link', { name: 'Recettes' }).click();
  const banner = page.locator('.banner-offline');
  await expect(banner).toHaveText('Hors ligne.');

  // The server answers again; nothing is clicked: the banner goes and the recipes show. The
  // app checks 2 s after the failure, then 4 s after that: a slow machine may need the second.
  await context.unrouteAll({ behavior: 'wait' });
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByRole('link', { name: recipes[0].title })).toBeVisible();
  await context.close();
});

test('a lot published offline with a photo reaches the server once, even when its first send is cut', async ({ browser }, testInfo) => {
  const variety = `Hors ligne ${testInfo.project.name} ${Date.now()}`;
  const farmer = await farmerWithFormOpenedOnce(browser);
  const context = farmer.context;
  let page = farmer.page;
  const photo = await cameraPhoto(page);

  // In the field, no signal.
  await context.setOffline(true);
  await page.goto('/producteur/lots/nouveau');
  await fillLot(page, 'Potimarrons', variety, '25');
  await page.locator('#photos').setInputFiles(photo);
  await expect(page.locator('.photo-thumb', { hasText: 'à envoyer' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Publier le lot' }).click();

  await expect(page).toHaveURL(/\/producteur\/lots$/);
  const waiting = page.locator('.waiting-lot', { hasText: variety });
  await expect(waiting).toContainText('En attente de réseau');
  await expect(waiting).toContainText('25 kg');
  await expect(waiting).toContainText('avec 1 photo');
  await expect(page.locator('.banner-outbox')).toHaveText(/^1 envoi en attente\. Voir$/);
  await expect(page.locator('.banner-offline')).toBeVisible();
  // The waiting lot and both strips pass the accessibility scan and reflow at 320 px.
  expect([...(await violations(page)), ...(await overflowsWhenZoomed(page))]).toEqual([]);

  // The tab is closed, and opened again later, still offline: the lot is still there.
  await page.close();
  page = await context.newPage();
  await page.goto('/producteur/lots');
  await expect(page.locator('.waiting-lot', { hasText: variety })).toContainText('En attente de réseau');

  // The connection returns, but the answer to the first send is lost on the way back: the
  // server has recorded the lot, the phone does not know it.
  // Until the test lets go, later sends (the app tries again on its own) find no network.
  let cut = 0;
  let letThrough = false;
  await page.route('**/api/v1/lots', async (route) => {
    if (route.request().method() !== 'POST' || letThrough) {
      await route.continue();
      return;
    }
    cut += 1;
    if (cut === 1) await route.fetch();
    await route.abort('connectionreset');
  });
  await context.setOffline(false);
  await expect.poll(() => cut).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.waiting-lot', { hasText: variety })).toContainText('En attente de réseau');

  // The signal drops and comes back: sent again under the same key, the server gives back the
  // lot it has. (A send already under way is cut all the same, and goes round once more.)
  await context.setOffline(true);
  letThrough = true;
  await context.setOffline(false);
  await expect(page.locator('.waiting-lot', { hasText: variety })).toHaveCount(0);
  await page.unrouteAll({ behavior: 'wait' });
  await expect(page.locator('.banner-outbox')).toHaveCount(0);
  const published = page.locator('.lot', { hasText: variety });
  await expect(published.locator('.lot-status')).toHaveText('publié');
  await expect(published.locator('.lot-photos img')).toHaveCount(1);

  const mine = await (await page.request.get('/api/v1/me/lots')).json();
  const sent = mine.filter((lot) => lot.variety === variety);
  expect(sent).toHaveLength(1);
  expect(sent[0].photo_ids).toHaveLength(1);
  expect(sent[0].quantity).toEqual({ type: 'grams', grams: 25000 });
  await context.close();
});

test('a 12 MP photo shrinks on the phone before it travels, sent at once or kept for later', async ({ browser }, testInfo) => {
  const variety = `Photo légère ${testInfo.project.name} ${Date.now()}`;
  // No service worker: the page's own requests are the ones that reach the server.
  const { context, page } = await farmerWithFormOpenedOnce(browser, { serviceWorkers: 'block' });
  const photo = await twelveMegapixelPhoto(page);
  // The bodies of the uploads that reached the server (not those tried offline). A route sees
  // a photo's body; the request's events say whether it went through.
  const bodies = new Map();
  await page.route('**/api/v1/lot-photos', async (route) => {
    bodies.set(route.request(), route.request().postDataBuffer());
    await route.continue();
  });
  const uploads = [];
  page.on('requestfinished', (request) => {
    if (bodies.has(request)) uploads.push(bodies.get(request));
  });
  await fillLot(page, 'Courges', variety, '30');

  // With a connection: sent at once, at the longest side the server keeps.
  await page.locator('#photos').setInputFiles(photo);
  await expect(page.locator('.photo-thumb img')).toHaveCount(1);
  await expect(page.locator('.photo-thumb', { hasText: 'à envoyer' })).toHaveCount(0);
  expect(uploads).toHaveLength(1);
  expect(await pictureSize(page, uploads[0])).toEqual([1600, 1200]);
  expect(uploads[0].length).toBeLessThan(photo.buffer.length / 4);

  // Without one: the photo kept on the phone for the outbox is the shrunk one too.
  await context.setOffline(true);
  await page.locator('#photos').setInputFiles(photo);
  await expect(page.locator('.photo-thumb', { hasText: 'à envoyer' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Publier le lot' }).click();
  await expect(page.locator('.waiting-lot', { hasText: variety })).toContainText('avec 2 photos');
  await context.setOffline(false);
  await expect(page.locator('.lot', { hasText: variety }).locator('.lot-status')).toHaveText('publié');
  expect(uploads).toHaveLength(2);
  expect(await pictureSize(page, uploads[1])).toEqual([1600, 1200]);
  expect(uploads[1].length).toBeLessThan(photo.buffer.length / 4);
  testInfo.annotations.push({
    type: 'bytes sent for a 12 MP photo',
    description: `${photo.buffer.length} before, ${uploads[0].length} after`,
  });
  console.log(`12 MP photo: ${photo.buffer.length} bytes picked, ${uploads[0].length} bytes sent`);
  await context.close();
});

test('a lot the server refuses after the fact is shown with its reason, corrected and sent', async ({ browser }, testInfo) => {
  const variety = `Refusé ${testInfo.project.name} ${Date.now()}`;
  const { context, page } = await farmerWithFormOpenedOnce(browser);

  // Offline, the phone cannot tell that this "photo" is not a picture; the server will.
  await context.setOffline(true);
  await page.goto('/producteur/lots/nouveau');
  await fillLot(page, 'Poireaux', variety, '12');
  await page.locator('#photos').setInputFiles({ name: 'note.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('pas une photo') });
  await expect(page.locator('.photo-thumb', { hasText: 'à envoyer' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Publier le lot' }).click();
  await expect(page.locator('.waiting-lot', { hasText: variety })).toContainText('En attente de réseau');

  await context.setOffline(false);
  const refused = page.locator('.waiting-lot', { hasText: variety });
  await expect(refused.getByRole('alert')).toContainText('Refusé : ');
  expect([...(await violations(page)), ...(await overflowsWhenZoomed(page))]).toEqual([]);
  await expect(page.locator('.banner-outbox')).toHaveText(/^1 envoi refusé : à corriger\. Voir$/);
  const before = (await (await page.request.get('/api/v1/me/lots')).json()).filter((lot) => lot.variety === variety);
  expect(before).toHaveLength(0);

  // "Corriger" opens the form as it was typed; without the bad file it goes.
  await refused.getByRole('link', { name: 'Corriger' }).click();
  await expect(page.getByLabel('Variété (facultatif)')).toHaveValue(variety);
  await expect(page.getByLabel('Poids en kilos')).toHaveValue('12');
  await page.getByRole('button', { name: 'Enlever cette photo' }).click();
  await page.getByRole('button', { name: 'Publier le lot' }).click();
  await expect(page).toHaveURL(/\/producteur\/lots$/);
  await expect(page.locator('.lot', { hasText: variety }).locator('.lot-status')).toHaveText('publié');
  await expect(page.locator('.waiting-lot')).toHaveCount(0);
  const after = (await (await page.request.get('/api/v1/me/lots')).json()).filter((lot) => lot.variety === variety);
  expect(after).toHaveLength(1);
  await context.close();
});

test('a new build is offered as "nouvelle version disponible", and taken only when asked, whole', async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/');
  await controlledByServiceWorker(page);
  const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('bocal-shell-')));
  const [running] = await shellCaches();
  expect(running).toMatch(/^bocal-shell-[0-9a-f]{16}$/);

  // A deployment: dist/ gets a service worker of another build (the server sends it as is
  // once its compressed copies are out of the way).
  const worker = path.join(dist, 'sw.js');
  const original = readFileSync(worker, 'utf8');
  const build = running.replace('bocal-shell-', '');
  try {
    for (const copy of ['.br', '.gz']) renameSync(worker + copy, `${worker + copy}.kept`);
    writeFileSync(worker, original.replace(`const BUILD = "${build}"`, `const BUILD = "${build}-next"`));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

    const banner = page.locator('.banner-update');
    await expect(banner).toHaveText('Nouvelle version disponible. Recharger');
    // Until the person chooses, the page keeps its build.
    expect(await shellCaches()).toContain(running);

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Recharger' }).click()]);
    await expect.poll(shellCaches).toEqual([`bocal-shell-${build}-next`]);
    await expect(page.locator('.banner-update')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Où est le camion ?');
  } finally {
    writeFileSync(worker, original);
    for (const copy of ['.br', '.gz']) renameSync(`${worker + copy}.kept`, worker + copy);
  }
  await context.close();
});

test("a member's wallet is kept for offline use, and erased when they log out", async ({ browser }, testInfo) => {
  const member = await newMember(browser, `Hors ligne ${testInfo.project.name}`);
  const context = await newContext(browser);
  const page = await context.newPage();
  const [recipe] = await (await context.request.get('/api/v1/recipes')).json();
  await page.goto('/');
  await controlledByServiceWorker(page);
  // A recipe read before logging in: public, it stays for offline use.
  await page.goto(`/recettes/${recipe.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(recipe.title);
  await logIn(page, member, (url) => !url.pathname.startsWith('/connexion'));
  await page.goto('/portefeuille');
  await expect(page.locator('.wallet-summary')).toBeVisible();
  const stored = () =>
    page.evaluate(async () => {
      const cache = await caches.open('bocal-data-v1');
      return (await cache.keys()).map((request) => new URL(request.url).pathname);
    });
  await expect.poll(stored).toContain('/api/v1/me/wallet');
  expect(await stored()).toContain(`/api/v1/recipes/${recipe.id}`);

  // Offline, the wallet still opens, with the date of its data.
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.wallet-summary')).toBeVisible();
  await expect(page.locator('.banner-offline')).toContainText('Hors ligne : données du');
  await context.setOffline(false);

  await page.goto('/mon-compte');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('link', { name: 'Connexion' })).toBeVisible();
  // The worker erases them as the logout goes by: poll until it is done.
  await expect.poll(stored).not.toContain('/api/v1/me/wallet');
  await expect.poll(stored).not.toContain('/api/v1/me');
  expect(await stored()).toContain(`/api/v1/recipes/${recipe.id}`);
  await context.close();
});

test('a sign-up made offline is kept on the phone, sent once when the network returns, and can be cancelled', async ({ browser }, testInfo) => {
  const context = await newContext(browser);
  const workshop = (await upcomingWorkshops(context.request)).find(
    (w) => w.status !== 'cancelled' && w.capacity - w.signed_up >= 2 && new Date(w.starts_at) > serverNow(),
  );
  const firstName = `Hors ligne ${testInfo.project.name}`;
  const phone = `06${String(Date.now()).slice(-8)}`;
  let page = await context.newPage();
  await page.goto(`/ateliers/${workshop.id}`);
  await controlledByServiceWorker(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(workshop.title);

  // On a village square with no signal.
  await context.setOffline(true);
  await page.getByLabel('Prénom').fill(firstName);
  await page.getByLabel('Téléphone').fill(phone);
  await page.getByRole('button', { name: "M'inscrire" }).click();
  const box = page.locator('.signup-box');
  await expect(box.getByRole('status')).toHaveText(/^Pas de réseau : votre inscription est gardée sur ce téléphone/);
  await expect(page.locator('.banner-outbox')).toHaveText(/^1 envoi en attente\. Voir$/);

  // Closed, opened again later, first at the home page: the outbox is read there too (its
  // code, a part of its own, comes from the service worker's cache), and it still waits.
  await page.close();
  page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('.banner-outbox')).toHaveText(/^1 envoi en attente\. Voir$/);
  await page.goto(`/ateliers/${workshop.id}`);
  await expect(page.locator('.signup-box').getByRole('status')).toContainText('gardée sur ce téléphone');

  await context.setOffline(false);
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await expect(page.locator('.banner-outbox')).toHaveCount(0);

  const team = await newContext(browser);
  const animator = await team.newPage();
  await logIn(animator, demo.animator, '**/animation');
  const rows = async () =>
    (await (await animator.request.get(`/api/v1/workshops/${workshop.id}/signups`)).json()).filter(
      (row) => (row.phone ?? '').replace(/\D/g, '') === phone && !row.cancelled,
    );
  expect(await rows()).toHaveLength(1);

  // The code that came with the (late) answer cancels it from this phone.
  await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
  await expect(page.getByText('Votre inscription est annulée.')).toBeVisible();
  expect(await rows()).toHaveLength(0);
  await team.close();
  await context.close();
});

/** A farmer publishes a lot, then withdraws it with no network: the withdrawal waits. */
async function lotWithdrawnOffline(browser, produce, variety, kilos, contextOptions = {}) {
  const { context, page } = await farmerWithFormOpenedOnce(browser, contextOptions);
  page.on('dialog', (dialog) => dialog.accept());
  await fillLot(page, produce, variety, kilos);
  await page.getByRole('button', { name: 'Publier le lot' }).click();
  const card = page.locator('.lot:not(.waiting-lot)', { hasText: variety });
  await expect(card.locator('.lot-status')).toHaveText('publié');

  await context.setOffline(true);
  await card.getByRole('button', { name: 'Retirer' }).click();
  const waiting = page.locator('.waiting-lot', { hasText: `Retrait : ${produce} · ${kilos} kg` });
  await expect(waiting).toContainText('En attente de réseau');
  return { context, page, card, waiting };
}

/** Once the network is back: the withdrawal no longer waits, and the server has it. */
async function withdrawalArrived({ page, card, waiting }, variety) {
  await expect(waiting).toHaveCount(0);
  await expect(card.locator('.lot-status')).toHaveText('retiré');
  await withdrawalReachedServer(page, variety);
}

/** The server has the lot withdrawn (asked outside the page, past any route of the test). */
async function withdrawalReachedServer(page, variety) {
  const mine = await (await page.request.get('/api/v1/me/lots')).json();
  expect(mine.find((lot) => lot.variety === variety).status).toBe('withdrawn');
}

test('a lot withdrawn offline is withdrawn once the network returns', async ({ browser }, testInfo) => {
  const variety = `Retrait ${testInfo.project.name} ${Date.now()}`;
  const farmer = await lotWithdrawnOffline(browser, 'Navets', variety, '9');
  await expect(farmer.page.locator('.banner-outbox')).toHaveText(/^1 envoi en attente\. Voir$/);

  await farmer.context.setOffline(false);
  await withdrawalArrived(farmer, variety);
  await farmer.context.close();
});

// The race CI once lost: the network returns while a send made offline is still failing. That
// send must go round once more, not leave the errand waiting for the next 30-second retry.
test('the network returning during a failing send still sends what waits, at once', async ({ browser }, testInfo) => {
  const variety = `Course ${testInfo.project.name} ${Date.now()}`;
  const farmer = await lotWithdrawnOffline(browser, 'Blettes', variety, '7', { serviceWorkers: 'block' });
  const { context, page, waiting } = farmer;

  // The first send after the network returns hangs, then fails as if the signal dropped again.
  // Until then the server answers nothing else (reads, the app's own check): only the send
  // going round can deliver the errand within the test's wait.
  let sendHangs, failHangingSend;
  const hanging = new Promise((resolve) => (sendHangs = resolve));
  const released = new Promise((resolve) => (failHangingSend = resolve));
  let sends = 0;
  await context.route('**/api/**', async (route) => {
    if (route.request().method() !== 'POST' || !route.request().url().endsWith('/actions')) {
      await route.abort('connectionrefused');
      return;
    }
    sends += 1;
    if (sends === 1) {
      sendHangs();
      await released;
      await route.abort('internetdisconnected');
      return;
    }
    await route.continue();
  });
  await context.setOffline(false);
  await hanging;
  // While it hangs, the browser says once more that the network is back.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  failHangingSend();

  await expect(waiting).toHaveCount(0);
  await withdrawalReachedServer(page, variety);
  await context.unrouteAll({ behavior: 'wait' });
  await context.close();
});

test('a send that fails with the browser online goes again by itself once the server answers', async ({ browser }, testInfo) => {
  const variety = `Retour ${testInfo.project.name} ${Date.now()}`;
  const farmer = await lotWithdrawnOffline(browser, 'Radis', variety, '3');
  const { context, page } = farmer;

  // The network returns, but the first send finds no server: no "online" event will follow.
  let cut = 0;
  await page.route('**/api/v1/lots/*/actions', async (route) => {
    cut += 1;
    await (cut === 1 ? route.abort('connectionrefused') : route.continue());
  });
  await context.setOffline(false);
  await expect.poll(() => cut).toBeGreaterThanOrEqual(1);

  // Nothing is clicked: the app finds the server again, and sends what waits, once.
  await withdrawalArrived(farmer, variety);
  expect(cut).toBe(2);
  await page.unrouteAll({ behavior: 'wait' });
  await context.close();
});

test('"Réessayer maintenant" sends what waits at once', async ({ browser }, testInfo) => {
  const variety = `Bouton ${testInfo.project.name} ${Date.now()}`;
  const farmer = await lotWithdrawnOffline(browser, 'Céleris', variety, '4', { serviceWorkers: 'block' });
  const { context, page, waiting } = farmer;

  // The network is back but the server stays out of reach (reads, sends, the app's own
  // check), until the farmer presses the button: only that send gets through.
  let pressed = false;
  let sends = 0;
  await context.route('**/api/**', async (route) => {
    const isSend = route.request().method() === 'POST' && route.request().url().endsWith('/actions');
    if (isSend) sends += 1;
    await (pressed && isSend ? route.continue() : route.abort('connectionrefused'));
  });
  await context.setOffline(false);
  await expect.poll(() => sends).toBeGreaterThanOrEqual(1);
  await expect(waiting).toContainText('En attente de réseau');

  pressed = true;
  await waiting.getByRole('button', { name: 'Réessayer maintenant' }).click();
  await expect(waiting).toHaveCount(0);
  await withdrawalReachedServer(page, variety);
  await context.unrouteAll({ behavior: 'wait' });
  await context.close();
});

test('the counter never queues: offline, an operation is refused as not recorded, and its resend counts once', async ({ browser }, testInfo) => {
  const name = `Comptoir ${testInfo.project.name} ${Date.now() % 100000}`;
  const member = await newMember(browser, name);
  const context = await newContext(browser);
  const counter = await context.newPage();
  await logIn(counter, demo.animator, '**/animation');
  await controlledByServiceWorker(counter);
  await counter.getByRole('link', { name: 'Comptoir' }).click();
  await counter.getByLabel('Centre', { exact: true }).selectOption({ label: 'Maison de quartier des Ors' });
  await counter.getByLabel('Membre : nom, n° de membre ou carte scannée').fill(member.login);
  await counter.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await expect(counter.locator('.member-desk h2')).toHaveText(name);

  await context.setOffline(true);
  await counter.getByRole('button', { name: '1 h 30' }).click();
  await counter.getByRole('button', { name: 'Créditer 90 tic-tac' }).click();
  await expect(counter.locator('.outcome-refused')).toHaveText(
    "Pas de connexion : l'opération n'est pas enregistrée, et rien n'est mis en attente. Renvoyez-la quand le réseau revient : elle ne sera jamais comptée deux fois.",
  );
  await expect(counter.locator('.banner-outbox')).toHaveCount(0);

  await context.setOffline(false);
  await counter.getByRole('button', { name: 'Créditer 90 tic-tac' }).click();
  await expect(counter.locator('.outcome-done')).toContainText(`${name} : +90 tic-tac`);
  const wallet = await (await counter.request.get(`/api/v1/wallets/${member.id}`)).json();
  expect(wallet.tictac).toBe(90);
  await context.close();
});
