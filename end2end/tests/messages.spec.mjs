import { dayAhead, demo, expect, logIn, mailTo, newContext, newMember, smsTo, test, upcomingWorkshops } from './helpers.mjs';

const csrf = { 'X-Bocal-Request': '1' };

test('a resident who chose SMS is told of the sign-up, then of the new hours when the animator moves the workshop', async ({ browser }, testInfo) => {
  // Both projects share one database and one gateway: each has its own workshop and number.
  const title = `Pickles de courgettes ${testInfo.project.name} ${Date.now()}`;
  const last = testInfo.project.name === 'phone' ? '1' : '2';
  const animatorContext = await newContext(browser);
  const animator = await animatorContext.newPage();
  await logIn(animator, demo.animator, '**/animation');
  const places = await (await animator.request.get('/api/v1/places')).json();
  const centres = await (await animator.request.get('/api/v1/centres')).json();
  const created = await animator.request.post('/api/v1/workshops', {
    headers: csrf,
    data: {
      title,
      kind: 'transformation',
      date: dayAhead(10),
      start: '14:00:00',
      end: '17:00:00',
      place: { type: 'saved', id: places[0].id },
      centre_id: centres[0].id,
      capacity: 6,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).workshop.id;

  const residentContext = await newContext(browser);
  const resident = await residentContext.newPage();
  await resident.goto(`/ateliers/${id}`);
  await resident.getByLabel('Prénom').fill('Yasmine');
  await resident.getByLabel('Téléphone').fill(`06 55 44 33 2${last}`);
  // A phone number is asked: SMS is the first choice.
  await expect(resident.getByRole('group', { name: 'Me prévenir : confirmation, rappel la veille, changements' })).toBeVisible();
  await expect(resident.getByLabel('Par SMS')).toBeChecked();
  await resident.getByRole('button', { name: "M'inscrire" }).click();
  await expect(resident.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();

  const to = `+3365544332${last}`;
  await expect.poll(async () => (await smsTo(to)).map((sms) => sms.text), { timeout: 20_000 })
    .toEqual([expect.stringContaining('inscription confirmée')]);
  const [confirmation] = await smsTo(to);
  expect(confirmation.text).toContain('Pickles de courgettes');
  expect(confirmation.authorization).toBe('Bearer e2e');

  await animator.goto(`/animation/ateliers/${id}`);
  await animator.getByLabel('Début').fill('15:00');
  await animator.getByLabel('Fin').fill('18:00');
  await animator.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(animator.getByText('Atelier enregistré.')).toBeVisible();
  await expect.poll(async () => (await smsTo(to)).length, { timeout: 20_000 }).toBe(2);
  const moved = (await smsTo(to))[1].text;
  expect(moved).toContain('changement');
  expect(moved).toContain('15 h - 18 h');

  // The animator sees what was sent, newest first.
  await animator.reload();
  const log = animator.locator('.message-row');
  await expect(log).toHaveCount(2);
  await expect(log.first()).toContainText('Changement · Yasmine');
  await expect(log.first().locator('.message-status')).toHaveText('envoyé');

  // A few words to everyone signed up.
  await animator.getByLabel('Un message à toutes les personnes inscrites').fill('Le camion a 30 minutes de retard.');
  await animator.getByRole('button', { name: 'Envoyer' }).click();
  await expect(animator.getByText('Message en route pour 1 personne(s).')).toBeVisible();
  await expect.poll(async () => (await smsTo(to)).length, { timeout: 20_000 }).toBe(3);
  expect((await smsTo(to))[2].text).toMatch(/^Bocal, Pickles de courgettes.* : Le camion a 30 minutes de retard\.$/);
  await expect(log).toHaveCount(3);
  await expect(log.first()).toContainText("Message de l'équipe · Yasmine");

  // One tap on the workshop's page stops them; the next message goes to no one.
  await resident.reload();
  await expect(resident.getByText("Vous serez prévenu·e par SMS : la veille, et si l'atelier change.")).toBeVisible();
  await resident.getByRole('button', { name: 'Ne plus recevoir de SMS' }).click();
  await expect(resident.getByText('Vous ne recevrez plus de messages pour cet atelier.')).toBeVisible();
  await resident.reload();
  await expect(resident.getByRole('button', { name: 'Ne plus recevoir de SMS' })).toHaveCount(0);
  await animator.getByLabel('Un message à toutes les personnes inscrites').fill('Finalement, tout est à l’heure.');
  await animator.getByRole('button', { name: 'Envoyer' }).click();
  await expect(animator.getByText("Personne n'a demandé à être prévenu")).toBeVisible();
  expect(await smsTo(to)).toHaveLength(3);

  await residentContext.close();
  await animatorContext.close();
});

test('a member subscribes a calendar app to their workshops, and a new address shuts the old one', async ({ browser, request }, testInfo) => {
  const name = `Agenda ${testInfo.project.name}`;
  const member = await newMember(browser, name);
  const context = await newContext(browser);
  const page = await context.newPage();
  await logIn(page, member, '**/mon-compte');
  const workshops = await upcomingWorkshops(request);
  const workshop = workshops.find((w) => w.status !== 'cancelled' && w.capacity > w.signed_up);
  await page.goto(`/ateliers/${workshop.id}`);
  // The member's own button, once the page knows who is there.
  await page.getByRole('button', { name: `M'inscrire (${name})` }).click();
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();

  await page.goto('/mon-compte');
  await page.getByRole('button', { name: 'Obtenir une adresse pour mon agenda' }).click();
  const address = page.getByLabel('Adresse de mon agenda');
  await expect(address).toHaveValue(/\/api\/v1\/calendars\/.+/);
  const first = await address.inputValue();
  await expect(page.getByRole('link', { name: 'Ajouter à mon agenda' })).toHaveAttribute('href', first.replace(/^https?:/, 'webcal:'));
  // A calendar app has no cookie: only the address.
  const feed = await request.get(first);
  expect(feed.status()).toBe(200);
  const ics = await feed.text();
  expect(ics).toContain(`UID:atelier-${workshop.id}@bocal`);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);

  await page.getByRole('button', { name: 'Obtenir une adresse pour mon agenda' }).click();
  await expect(address).not.toHaveValue(first);
  expect((await request.get(first)).status()).toBe(404);
  expect((await request.get(await address.inputValue())).status()).toBe(200);
  await context.close();
});

test("a full workshop's waiting list gives a freed place to the first in line, who is told by SMS", async ({ browser }, testInfo) => {
  const title = `Chutney de poires ${testInfo.project.name} ${Date.now()}`;
  const last = testInfo.project.name === 'phone' ? '1' : '2';
  const animatorContext = await newContext(browser);
  const animator = await animatorContext.newPage();
  await logIn(animator, demo.animator, '**/animation');
  const places = await (await animator.request.get('/api/v1/places')).json();
  const centres = await (await animator.request.get('/api/v1/centres')).json();
  const created = await animator.request.post('/api/v1/workshops', {
    headers: csrf,
    data: {
      title,
      kind: 'transformation',
      date: dayAhead(11),
      start: '09:30:00',
      end: '12:00:00',
      place: { type: 'saved', id: places[0].id },
      centre_id: centres[0].id,
      capacity: 1,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).workshop.id;

  // The one place goes to Karim.
  const karimContext = await newContext(browser);
  const karim = await karimContext.newPage();
  await karim.goto(`/ateliers/${id}`);
  await karim.getByLabel('Prénom').fill('Karim');
  await karim.getByLabel('Téléphone').fill(`06 77 66 55 4${last}`);
  await karim.getByRole('button', { name: "M'inscrire" }).click();
  await expect(karim.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();

  // Lina finds it full and joins the waiting list.
  const linaContext = await newContext(browser);
  const lina = await linaContext.newPage();
  await lina.goto(`/ateliers/${id}`);
  await expect(lina.locator('.places-left')).toHaveText('Plus aucune place');
  await expect(lina.getByText("Complet. Inscrivez-vous sur la liste d'attente")).toBeVisible();
  await lina.getByLabel('Prénom').fill('Lina');
  await lina.getByLabel('Téléphone').fill(`06 77 66 55 3${last}`);
  await lina.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
  await expect(lina.getByText("Vous êtes sur la liste d'attente, en 1re position.")).toBeVisible();
  await expect(lina.locator('.places-left')).toHaveText("Plus aucune place · 1 personne en liste d'attente");
  const linaPhone = `+3367766553${last}`;
  expect(await smsTo(linaPhone)).toEqual([]);

  // The animator sees her in line.
  await animator.goto(`/animation/ateliers/${id}`);
  await expect(animator.getByText("1 inscrit(s) sur 1 places, 1 en liste d'attente")).toBeVisible();

  // Karim cancels: the place goes to Lina, who gets an SMS, and her page says she is in.
  await karim.getByRole('button', { name: 'Annuler mon inscription' }).click();
  await expect(karim.getByText('Votre inscription est annulée.')).toBeVisible();
  await expect.poll(async () => (await smsTo(linaPhone)).map((sms) => sms.text), { timeout: 20_000 })
    .toEqual([expect.stringContaining("une place s'est libérée")]);
  expect((await smsTo(linaPhone))[0].text).toContain('Chutney de poires');
  await lina.reload();
  await expect(lina.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await animator.reload();
  await expect(animator.getByText('1 inscrit(s) sur 1 places')).toBeVisible();
  await expect(animator.locator('.message-row').first()).toContainText('Place libérée · Lina');

  await linaContext.close();
  await karimContext.close();
  await animatorContext.close();
});

test('a resident who chose e-mail gets it with the workshop, and its link stops the messages', async ({ browser, request }, testInfo) => {
  const workshops = await upcomingWorkshops(request);
  const workshop = workshops.find((w) => w.status !== 'cancelled' && w.capacity > w.signed_up + 1);
  const address = `nadia.${testInfo.project.name}@exemple.fr`;
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`/ateliers/${workshop.id}`);
  await page.getByLabel('Prénom').fill('Nadia');
  await page.getByLabel('Téléphone').fill(testInfo.project.name === 'phone' ? '06 44 33 22 11' : '06 44 33 22 12');
  await page.getByLabel('Par e-mail').check();
  // The address is asked only now, and checked.
  await page.getByRole('button', { name: "M'inscrire" }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill('nadia-sans-arobase');
  await page.getByRole('button', { name: "M'inscrire" }).click();
  await expect(page.getByText('Adresse e-mail attendue pour être prévenu·e par e-mail')).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(address);
  await page.getByRole('button', { name: "M'inscrire" }).click();
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await expect(page.getByText("Vous serez prévenu·e par e-mail : la veille, et si l'atelier change.")).toBeVisible();

  await expect.poll(async () => (await mailTo(address)).length, { timeout: 20_000 }).toBe(1);
  const [mail] = await mailTo(address);
  expect(mail.subject).toBe(`Bocal : Inscription confirmée : ${workshop.title}`);
  expect(mail.text).toContain(workshop.place.address);
  const link = mail.text.match(/Ne plus recevoir ces messages : (\S+)/)[1];
  expect(mail.listUnsubscribe).toBe(`<${link}>`);

  // The link opens a page (no app needed) whose one button stops them.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Ne plus recevoir de messages' })).toBeVisible();
  await expect(page.getByText(workshop.title)).toBeVisible();
  await page.getByRole('button', { name: 'Ne plus recevoir de messages' }).click();
  await expect(page.getByText("C'est fait : vous ne recevrez plus de messages pour l'atelier")).toBeVisible();
  await page.goto(`/ateliers/${workshop.id}`);
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await context.close();
});

test('a notification pushed to the installed app shows, and a tap on it opens the workshop', async ({ browser, request }) => {
  const [workshop] = await upcomingWorkshops(request);
  const context = await newContext(browser);
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // The browser's push service is not reachable here: Chromium's DevTools protocol delivers
  // the push to the service worker instead, in the shape the server sends (src/server/tasks/sender.rs).
  const cdp = await context.newCDPSession(page);
  const registration = new Promise((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted);
      if (live) resolve(live);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const { registrationId } = await registration;
  const payload = {
    title: `Bocal : Changement : ${workshop.title}`,
    body: 'Bocal : changement ! Nouvel horaire.',
    url: `/ateliers/${workshop.id}`,
  };
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(page.url()).origin,
    registrationId,
    data: JSON.stringify(payload),
  });
  const shown = () => page.evaluate(async () => {
    const worker = await navigator.serviceWorker.ready;
    return (await worker.getNotifications()).map((n) => ({ title: n.title, body: n.body, url: n.data.url }));
  });
  await expect.poll(shown, { timeout: 10_000 }).toEqual([payload]);
  await context.close();
});

test('where the browser cannot reach its push service, choosing notifications says so and signs no one up', async ({ browser, request }, testInfo) => {
  const workshops = await upcomingWorkshops(request);
  const workshop = workshops.find((w) => w.status !== 'cancelled' && w.capacity > w.signed_up);
  const context = await newContext(browser);
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  await page.goto(`/ateliers/${workshop.id}`);
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByLabel('Téléphone').fill(testInfo.project.name === 'phone' ? '06 12 98 76 51' : '06 12 98 76 52');
  await page.getByLabel('Par notification').check();
  await page.getByRole('button', { name: "M'inscrire" }).click();
  await expect(page.getByText("Les notifications ne sont pas disponibles sur cet appareil : choisissez le SMS ou l'e-mail.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toHaveCount(0);
  // Another channel still works.
  await page.getByLabel('Par SMS').check();
  await page.getByRole('button', { name: "M'inscrire" }).click();
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await context.close();
});
