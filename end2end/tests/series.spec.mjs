// A stop that repeats: the animator ticks "Répéter", sees the dates before creating them, then
// the series is made at once, each occurrence a workshop of its own in the public calendar;
// then it is edited from a date on (a later hour, its signed-up person told), then cancelled
// from another.
import { dayAhead, demo, expect, logIn, test } from './helpers.mjs';

test('an animator creates a weekly market for five weeks, moves it an hour later from the second, then cancels it from the third', async ({ page, playwright }, testInfo) => {
  const title = `Marché des Ors ${testInfo.project.name} ${Date.now()}`;
  await logIn(page, demo.animator, '**/animation');
  await page.getByRole('link', { name: 'Nouvel atelier' }).click();
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Date').fill(dayAhead(7));
  await page.getByLabel('Début').fill('08:00');
  await page.getByLabel('Fin').fill('12:00');
  await page.getByLabel('Lieu', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Cet atelier revient régulièrement').check();
  await page.getByLabel('Fréquence').selectOption({ label: 'Chaque semaine' });
  // A date beyond a year is refused, in French, next to the field.
  await page.getByLabel("Jusqu'au (un an au plus)").fill(dayAhead(7 + 400));
  await page.getByRole('button', { name: 'Voir les dates' }).click();
  await expect(page.locator('#repeat_until-error')).toContainText('un an au plus');
  await page.getByLabel("Jusqu'au (un an au plus)").fill(dayAhead(7 + 28));
  await page.getByRole('button', { name: 'Voir les dates' }).click();
  await expect(page.locator('.series-preview')).toContainText('5 ateliers');
  await page.getByRole('button', { name: 'Créer les 5 ateliers' }).click();
  await page.waitForURL(/\/animation\/ateliers\/\d+$/);

  const { workshops } = await (await page.request.get(`/api/v1/workshops?from=${dayAhead(0)}&to=${dayAhead(40)}`)).json();
  const made = workshops.filter((w) => w.title === title);
  expect(made.length).toBe(5);
  const days = made.map((w) => new Date(w.starts_at).getTime()).sort();
  for (let i = 1; i < days.length; i += 1) {
    // A week apart, give or take nothing: no clock change in these five weeks of December.
    expect(Math.round((days[i] - days[i - 1]) / 86400000)).toBe(7);
  }

  made.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  // Someone signs up to the fourth.
  const guest = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const signup = await guest.post(`/api/v1/workshops/${made[3].id}/signups`, {
    headers: { 'X-Bocal-Request': '1' },
    data: { first_name: 'Louise', phone: '0611223344', notify_by: 'sms' },
  });
  expect(signup.status()).toBe(201);
  await guest.dispose();

  // From the second on, an hour later: the editor says how many dates and people it concerns.
  await page.goto(`/animation/ateliers/${made[1].id}`);
  await expect(page.getByLabel('Début')).toHaveValue('08:00');
  await page.getByLabel('Début').fill('09:00');
  await page.getByLabel('Fin').fill('13:00');
  await page.getByLabel(/^Cette date et les 3 suivantes.*\(1 personne inscrite\)$/).check();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Modifier 4 atelier(s)');
    expect(dialog.message()).toContain('1 personne inscrite');
    dialog.accept();
  });
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByRole('status').filter({ hasText: '4 ateliers enregistrés.' })).toBeVisible();
  // They are a series of their own now; the first date stays as it was.
  await expect(page.locator('#series-heading + p')).toContainText('Série de 4 ateliers');
  const moved = (await (await page.request.get(`/api/v1/workshops?from=${dayAhead(0)}&to=${dayAhead(40)}`)).json())
    .workshops.filter((w) => w.title === title)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const hourLater = moved.map((w, i) => (new Date(w.starts_at) - new Date(made[i].starts_at)) / 3600000);
  expect(hourLater).toEqual([0, 1, 1, 1, 1]);
  const told = await (await page.request.get(`/api/v1/workshops/${made[3].id}/messages`)).json();
  expect(told.some((message) => message.notice === 'Changement' && message.first_name === 'Louise')).toBe(true);

  // From the third on, the series is cancelled, after the counts are asked to be confirmed.
  await page.goto(`/animation/ateliers/${made[2].id}`);
  await expect(page.locator('#series-heading + p')).toContainText('Série de 4 ateliers');
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Annuler 3 atelier(s)');
    dialog.accept();
  });
  await page.getByRole('button', { name: 'Annuler cette date et les suivantes' }).click();
  await expect(page.locator('.status-line')).toContainText('Annulé');
  const after = (await (await page.request.get(`/api/v1/workshops?from=${dayAhead(0)}&to=${dayAhead(40)}`)).json())
    .workshops.filter((w) => w.title === title);
  expect(after.filter((w) => w.status === 'cancelled').length).toBe(3);
});
