import { dayAhead, demo, expect, logIn, newContext, test } from './helpers.mjs';

test('an animator creates a workshop, a resident signs up from the calendar, the animator sees it', async ({ browser }, testInfo) => {
  // Both projects share one database: everything this test creates carries its own name.
  const unique = `${testInfo.project.name} ${Date.now()}`;
  const title = `Chutney de tomates vertes ${unique}`;
  const firstName = testInfo.project.name === 'phone' ? 'Inès' : 'Bastien';

  const animatorContext = await newContext(browser);
  const animator = await animatorContext.newPage();
  await logIn(animator, demo.animator, '**/animation');
  await animator.getByRole('link', { name: 'Nouvel atelier' }).click();
  await animator.getByLabel('Titre').fill(title);
  await animator.getByLabel('Date').fill(dayAhead(9));
  await animator.getByLabel('Début').fill('10:00');
  await animator.getByLabel('Fin').fill('12:30');
  await animator.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Nouveau lieu…' });
  await animator.getByLabel('Nom du lieu').fill(`Jardin partagé ${unique}`);
  await animator.getByLabel('Adresse').fill('12 rue des Jardins');
  await animator.getByLabel('Code postal').fill('26100');
  await animator.getByLabel('Commune').fill('Romans-sur-Isère');
  await animator.getByLabel('Latitude').fill('45,0432');
  await animator.getByLabel('Longitude').fill('5,0561');
  await animator.getByLabel('Places').fill('8');
  await animator.getByRole('button', { name: "Créer l'atelier" }).click();
  await expect(animator).toHaveURL(/\/animation\/ateliers\/\d+$/);
  await expect(animator.getByRole('heading', { level: 1 })).toHaveText("Modifier l'atelier");
  await expect(animator.getByText('Atelier enregistré.')).toBeVisible();
  await animator.getByRole('button', { name: 'Confirmer' }).click();
  await expect(animator.locator('.status-line')).toHaveText('Confirmé.');
  await expect(animator.getByText("Personne n'est encore inscrit.")).toBeVisible();

  // A resident without an account, on their own phone.
  const residentContext = await newContext(browser);
  const resident = await residentContext.newPage();
  await resident.goto('/');
  await resident.locator('.workshop-card', { hasText: title }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(resident.locator('.places-left')).toHaveText('8 places restantes');
  await resident.getByRole('button', { name: "M'inscrire" }).click();
  await expect(resident.getByLabel('Prénom')).toHaveAttribute('aria-invalid', 'true');
  await expect(resident.getByText('Ce champ est obligatoire.')).toBeVisible();
  await resident.getByLabel('Prénom').fill(firstName);
  await resident.getByLabel('Téléphone').fill('06 1');
  await resident.getByRole('button', { name: "M'inscrire" }).click();
  await expect(resident.locator('.field-error')).toContainText('10 chiffres');
  await resident.getByLabel('Téléphone').fill('06 12 12 12 12');
  await resident.getByRole('button', { name: "M'inscrire" }).click();
  await expect(resident.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await expect(resident.locator('.places-left')).toHaveText('7 places restantes');
  // The phone remembers the sign-up, and can cancel it later.
  await resident.reload();
  await expect(resident.getByRole('button', { name: 'Annuler mon inscription' })).toBeVisible();

  await animator.reload();
  const row = animator.locator('.signup-row', { hasText: firstName });
  await expect(row).toContainText('06 12 12 12 12');
  await expect(animator.locator('.signup-count')).toHaveText('1 inscrit(s) sur 8 places');

  await animatorContext.close();
  await residentContext.close();
});

test('an account made at the counter must choose its own password at first login', async ({ browser }) => {
  const counterContext = await newContext(browser);
  const counter = await counterContext.newPage();
  await logIn(counter, demo.admin, '**/animation');
  await counter.getByRole('link', { name: 'Comptes adhérents' }).click();
  await counter.getByRole('link', { name: 'Créer un compte' }).click();
  await counter.getByLabel('Nom ou prénom').fill('Yasmine');
  await counter.getByLabel('Centre').selectOption({ index: 1 });
  await counter.getByRole('button', { name: 'Créer le compte' }).click();
  const card = counter.locator('.member-card');
  await expect(card).toContainText('Yasmine');
  const [number, code] = await card.locator('.member-number').allInnerTexts();
  expect(number).toMatch(/^[1-9]\d{5}$/);
  expect(code).toMatch(/^\d{8}$/);
  await counterContext.close();

  const memberContext = await newContext(browser);
  const member = await memberContext.newPage();
  await logIn(member, { login: number, password: code }, '**/mon-compte');
  await expect(member.getByText('Choisissez votre propre mot de passe')).toBeVisible();
  await member.getByLabel('Mot de passe actuel').fill(code);
  await member.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await member.getByLabel('Répétez le nouveau mot de passe').fill('court');
  await member.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(member.locator('#new_password-error')).toContainText('au moins 8 caractères');
  await member.getByLabel('Nouveau mot de passe', { exact: true }).fill('abricots-2026');
  await member.getByLabel('Répétez le nouveau mot de passe').fill('abricots-2026');
  await member.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(member.getByText('Mot de passe changé.')).toBeVisible();
  await expect(member.getByRole('heading', { name: 'Mes inscriptions' })).toBeVisible();

  await member.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(member.getByRole('link', { name: 'Connexion' })).toBeVisible();
  await logIn(member, { login: number, password: 'abricots-2026' }, '**/mon-compte');
  await memberContext.close();
});

test('a wrong password gets one clear French message, and no session', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(demo.animator.login);
  await page.getByLabel('Mot de passe').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto('/animation');
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
});

test('animators keep a list of places, and sign residents up at the counter', async ({ page, request }, testInfo) => {
  const unique = `${testInfo.project.name} ${Date.now()}`;
  await logIn(page, demo.animator, '**/animation');
  await page.getByRole('link', { name: 'Lieux' }).click();
  await page.getByRole('button', { name: 'Nouveau lieu' }).click();
  await page.getByLabel('Nom du lieu').fill(`Salle des fêtes ${unique}`);
  await page.getByLabel('Adresse').fill('1 place de la Mairie');
  await page.getByLabel('Code postal').fill('26750');
  await page.getByLabel('Commune').fill('Génissieux');
  await page.getByLabel('Latitude').fill('quarante-cinq');
  await page.getByLabel('Longitude').fill('5,0818');
  await page.getByRole('button', { name: 'Enregistrer le lieu' }).click();
  await expect(page.locator('#latitude-error')).toHaveText('Latitude attendue, par exemple 45,0461.');
  await page.getByLabel('Latitude').fill('45,0837');
  await page.getByRole('button', { name: 'Enregistrer le lieu' }).click();
  await expect(page.locator('.staff-list li', { hasText: `Salle des fêtes ${unique}` })).toContainText('26750 Génissieux');

  // At the counter: the workshop page signs up one resident after another.
  const workshops = (await (await request.get('/api/v1/workshops')).json()).workshops;
  const open = workshops.find((w) => w.status !== 'cancelled' && w.capacity - w.signed_up >= 3);
  await page.goto(`/ateliers/${open.id}`);
  const left = open.capacity - open.signed_up;
  await expect(page.locator('.places-left')).toHaveText(`${left} places restantes`);
  await page.getByLabel('Prénom').fill('Mireille');
  await page.getByLabel('Téléphone').fill(testInfo.project.name === 'phone' ? '06 33 44 55 66' : '06 33 44 55 77');
  await page.getByRole('button', { name: 'Inscrire cette personne' }).click();
  await expect(page.getByText('Mireille est inscrit·e.')).toBeVisible();
  await expect(page.getByLabel('Prénom')).toHaveValue('');
  await expect(page.locator('.places-left')).toHaveText(`${left - 1} places restantes`);
});

test('someone who forgot their password gets a new code at the counter', async ({ page }) => {
  await logIn(page, demo.animator, '**/animation');
  await page.getByRole('link', { name: 'Comptes adhérents' }).click();
  await page.getByLabel('Rechercher').fill('Samia');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const row = page.locator('.staff-list li', { hasText: 'Samia' });
  await expect(row).toContainText('n° 100003');
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Nouveau code' }).click();
  const card = page.locator('.member-card');
  await expect(card).toContainText('Samia');
  const [number, code] = await card.locator('.member-number').allInnerTexts();
  expect(number).toBe('100003');
  expect(code).toMatch(/^\d{8}$/);
});

test('a cancelled workshop offers no places and no sign-up form', async ({ page, request }) => {
  const workshops = (await (await request.get('/api/v1/workshops')).json()).workshops;
  const cancelled = workshops.find((w) => w.status === 'cancelled');
  await page.goto(`/ateliers/${cancelled.id}`);
  await expect(page.getByText('Les inscriptions sont fermées.')).toBeVisible();
  await expect(page.locator('.places-left')).toHaveCount(0);
  await expect(page.getByLabel('Prénom')).toHaveCount(0);
});

// Before the header drew a logged-in person's links at once, a phone kept "1" as its hint of a
// session, not the role: such a phone must still end up with the right links and the new hint.
test('a phone that kept the old session hint gets its links and the new hint from the server', async ({ page }) => {
  const hint = () => page.evaluate(() => localStorage.getItem('bocal.logged_in'));
  await logIn(page, demo.producer, '**/producteur/lots');
  await page.evaluate(() => localStorage.setItem('bocal.logged_in', '1'));
  await page.goto('/');
  await expect(page.getByRole('link', { name: /^Mes lots/ })).toBeVisible();
  await expect.poll(hint).toBe('producer');

  // The session ended meanwhile: the old hint gives "Connexion", and goes.
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.setItem('bocal.logged_in', '1'));
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Connexion' })).toBeVisible();
  await expect.poll(hint).toBeNull();
});
