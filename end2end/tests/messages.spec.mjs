import { dayAhead, demo, expect, logIn, newContext, newMember, smsTo, test, upcomingWorkshops } from './helpers.mjs';

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
  const bySms = resident.getByLabel('Me prévenir par SMS : confirmation, rappel la veille, changements');
  await expect(bySms).toBeChecked();
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
  await animator.getByLabel('Un message à toutes les personnes inscrites (SMS)').fill('Le camion a 30 minutes de retard.');
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
  await expect(resident.getByText('Vous ne recevrez plus de SMS pour cet atelier.')).toBeVisible();
  await resident.reload();
  await expect(resident.getByRole('button', { name: 'Ne plus recevoir de SMS' })).toHaveCount(0);
  await animator.getByLabel('Un message à toutes les personnes inscrites (SMS)').fill('Finalement, tout est à l’heure.');
  await animator.getByRole('button', { name: 'Envoyer' }).click();
  await expect(animator.getByText("Personne n'a demandé à être prévenu par SMS")).toBeVisible();
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
