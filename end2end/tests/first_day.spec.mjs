// A real cannery's first day, at phone width, on the release binary started without --demo on
// an empty database (the second server of playwright.config.mjs): the first administrator made
// on the command line, a centre, the territory, a place and a workshop; a resident signs up; the
// starter library imported and one recipe measured and validated; a member's account made at
// the counter and minutes credited; a farm signs up, is approved and offers apricots, which the
// truck collects; a batch of the validated recipe goes into the centre's stock, and the first
// jar goes out on deposit.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { dayAhead, expect, logIn, newContext, test } from './helpers.mjs';

const fresh = `http://127.0.0.1:${process.env.BOCAL_E2E_FRESH_PORT ?? '8094'}`;
const server = path.resolve(import.meta.dirname, '../../target/release/bocal-server');

test('from an empty database to a resident signed up, a validated recipe, minutes credited and the first jar handed out', async ({ browser }, testInfo) => {
  // One cannery, one first day: the phone's run only (the desktop's would find it done).
  test.skip(testInfo.project.name !== 'phone', 'the first day happens once, on a phone');
  test.setTimeout(180_000);
  const database = process.env.BOCAL_E2E_FRESH_DATABASE;

  const printed = execFileSync(server, ['--database', database, 'create-admin', '--name', 'Claire Martin', '--phone', '06 11 22 33 44'], { encoding: 'utf8' });
  const value = (label) => printed.split('\n').find((line) => line.startsWith(label)).slice(label.length).trim();
  const number = value("Numéro d'adhérent :");
  const code = value('Code à usage unique :');

  const context = await newContext(browser, { baseURL: fresh, viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  // The calendar of a new cannery says when dates come and how to get them.
  await page.goto('/');
  await expect(page.getByText("Aucune date n'est prévue pour l'instant")).toBeVisible();
  await expect(page.getByText('Abonnez-vous ci-dessous')).toBeVisible();

  // First login: the one-time code only lets Claire choose her password.
  await logIn(page, { login: number, password: code }, '**/mon-compte');
  await page.getByLabel('Mot de passe actuel').fill(code);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('bocaux de Romans');
  await page.getByLabel('Répétez le nouveau mot de passe').fill('bocaux de Romans');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Mot de passe changé.')).toBeVisible();

  // The team's header keeps one line on the phone.
  await page.getByRole('link', { name: 'Animation' }).click();
  const header = await page.locator('.site-header').boundingBox();
  expect(header.height).toBeLessThan(130);

  // The counter, before any centre exists, says what it needs (it once hung the browser).
  await page.getByRole('link', { name: 'Comptoir' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Aucun centre' })).toHaveText(
    "Aucun centre pour l'instant : le comptoir et le stock en ont besoin. Un administrateur le crée dans Réglages.",
  );
  await page.getByRole('status').getByRole('link', { name: 'Réglages' }).click();

  // A centre, and the territory in one click.
  await expect(page.getByText('Aucun centre pour l\'instant')).toBeVisible();
  await page.getByRole('button', { name: 'Nouveau centre' }).click();
  await page.getByLabel('Nom du centre').fill('Maison de quartier des Ors');
  await page.getByLabel('Adresse').fill('8 rue Magnard');
  await page.getByLabel('Code postal').fill('26100');
  await page.getByLabel('Commune').fill('Romans-sur-Isère');
  await page.getByRole('button', { name: 'Enregistrer le centre' }).click();
  await expect(page.locator('.staff-list li', { hasText: 'Maison de quartier des Ors' })).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter Valence Romans Agglo (54 communes)' }).click();
  await expect(page.locator('.territory-list summary')).toHaveText('54 communes desservies');

  // A workshop at a new place, published.
  await page.goto('/animation');
  await page.getByRole('link', { name: 'Nouvel atelier' }).click();
  await page.getByLabel('Titre').fill('Confitures de coings');
  await page.getByLabel('Date').fill(dayAhead(3));
  await page.getByLabel('Début').fill('14:00');
  await page.getByLabel('Fin').fill('17:00');
  await page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Nouveau lieu…' });
  await page.getByLabel('Nom du lieu').fill('Maison de quartier des Ors');
  await page.getByLabel('Adresse').fill('8 rue Magnard');
  await page.getByLabel('Commune').fill('Romans-sur-Isère');
  await expect(page.getByLabel('Code postal')).toHaveValue('26100');
  await page.getByLabel('Latitude').fill('45,0497');
  await page.getByLabel('Longitude').fill('5,0621');
  await page.getByLabel('Places').fill('10');
  await page.getByRole('button', { name: "Créer l'atelier" }).click();
  await expect(page.getByText('Atelier enregistré.')).toBeVisible();
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.locator('.status-line')).toHaveText('Confirmé.');

  // A resident signs up from the public calendar, on their own phone.
  const residentContext = await newContext(browser, { baseURL: fresh, viewport: { width: 390, height: 844 }, hasTouch: true });
  const resident = await residentContext.newPage();
  await resident.goto('/');
  // The footer names the cannery's own centre, not the demo's.
  await expect(resident.locator('.site-footer')).toContainText('Bocal\u00a0: Maison de quartier des Ors.');
  await resident.locator('.workshop-card', { hasText: 'Confitures de coings' }).click();
  await resident.getByLabel('Prénom').fill('Inès');
  await resident.getByLabel('Téléphone').fill('06 55 44 33 22');
  await resident.getByRole('button', { name: "M'inscrire" }).click();
  await expect(resident.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
  await residentContext.close();

  // The empty library offers the starter library: sixteen drafts, none validated.
  await page.goto('/recettes');
  await expect(page.getByRole('heading', { name: 'La bibliothèque est encore vide' })).toBeVisible();
  await page.getByRole('button', { name: 'Importer la bibliothèque de départ' }).click();
  await expect(page.locator('.recipe-card')).toHaveCount(16);
  await page.locator('.recipe-card', { hasText: "Confiture d'abricots" }).click();
  await expect(page.locator('.recipe-unvalidated')).toContainText('pH à mesurer');
  await expect(page.getByText("pH d'équilibre : à mesurer")).toBeVisible();

  // Measured and validated for this cannery's own pots: then it is "validé".
  await page.getByRole('link', { name: 'Modifier (nouvelle version)' }).click();
  await page.getByLabel("pH d'équilibre mesuré").fill('3,3');
  await page.getByLabel('Mesuré le').fill(dayAhead(0));
  await page.getByLabel('Barème validé par un organisme de sécurité alimentaire').check();
  await page.getByLabel('Validé par', { exact: true }).fill('CTCPA, pour les marmites du camion');
  await page.getByLabel('Le', { exact: true }).fill(dayAhead(0));
  await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
  await expect(page).toHaveURL(/\/recettes\/\d+$/);
  await expect(page.locator('.notice-success')).toContainText('Barème validé par CTCPA, pour les marmites du camion');

  // A participant's account made at the counter, and the workshop's minutes credited.
  await page.goto('/animation');
  await page.getByRole('link', { name: 'Comptes adhérents' }).click();
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByLabel('Nom ou prénom').fill('Inès');
  await page.getByLabel('Centre').selectOption({ label: 'Maison de quartier des Ors' });
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.locator('.member-card')).toContainText('Inès');
  const memberNumber = (await page.locator('.member-card .member-number').allInnerTexts())[0];
  expect(memberNumber).toMatch(/^[1-9]\d{5}$/);
  await page.goto('/animation');
  await page.getByRole('link', { name: 'Comptoir' }).click();
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').fill(memberNumber);
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await expect(page.locator('.member-desk h2')).toHaveText('Inès');
  await page.getByRole('button', { name: '1 h 30' }).click();
  await page.getByRole('button', { name: 'Créditer 90 tic-tac' }).click();
  await expect(page.locator('.outcome-done')).toContainText('Inès : +90 tic-tac');
  await expect(page.locator('.member-balance .wallet-number')).toHaveText('90');

  // A farm of the territory asks for an account from its phone; the team approves it.
  const farmContext = await newContext(browser, { baseURL: fresh, viewport: { width: 390, height: 844 }, hasTouch: true });
  const farm = await farmContext.newPage();
  await farm.goto('/producteurs/inscription');
  await farm.getByLabel('Nom de la ferme').fill('Vergers de Chatuzange');
  await farm.getByLabel('Votre nom').fill('Paul Reynaud');
  await farm.getByLabel('Commune', { exact: true }).fill('Chatuzange-le-Goubet');
  await farm.getByLabel('Téléphone').fill('06 98 76 54 32');
  await farm.getByLabel('Mot de passe', { exact: true }).fill('abricots-du-verger');
  await farm.getByRole('button', { name: 'Demander mon compte' }).click();
  await expect(farm.getByText('Demande envoyée, merci !')).toBeVisible();
  await page.goto('/animation');
  await page.locator('.staff-list li', { hasText: 'Vergers de Chatuzange' }).getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByText('Aucune demande en attente.')).toBeVisible();

  // The farm offers 12 kg of apricots (out of season in December: typed, not a button).
  await logIn(farm, { login: '0698765432', password: 'abricots-du-verger' }, '**/producteur/lots');
  await farm.getByRole('link', { name: '+ Proposer un lot' }).click();
  await expect(farm.getByRole('button', { name: 'Abricots' })).toHaveCount(0);
  await farm.getByLabel('Ou un autre produit :').fill('Abricots');
  await farm.getByRole('button', { name: 'En kilos' }).click();
  await farm.getByLabel('Poids en kilos').fill('12');
  await farm.locator('#pickup_address').fill('Les Vergers, route de Chatuzange');
  await farm.locator('#pickup_commune').fill('Chatuzange-le-Goubet');
  await farm.getByRole('button', { name: 'Publier le lot' }).click();
  await expect(farm.locator('.lot', { hasText: 'Abricots' }).locator('.lot-status')).toHaveText('publié');
  await farmContext.close();

  // The truck reserves and collects it.
  await page.getByRole('link', { name: 'Marché des producteurs' }).first().click();
  const offered = page.locator('.lot', { hasText: 'Abricots' });
  await offered.getByRole('button', { name: 'Réserver' }).click();
  await expect(offered.locator('.lot-status')).toHaveText('réservé');
  await offered.getByLabel('Poids pesé (kg)').fill('12');
  await offered.getByRole('button', { name: 'Collecté' }).click();
  await expect(offered).toHaveCount(0);

  // A batch of the validated apricot jam, its water bath confirmed, into the centre's stock.
  await page.goto('/animation/fabrication/nouveau');
  await page.getByLabel('Recette (barème validé)').selectOption({ label: "Confiture d'abricots (version 2)" });
  await page.locator('.lot-choice', { hasText: 'Abricots' }).getByRole('checkbox').check();
  await page.getByLabel('370 ml').fill('12');
  await page.getByLabel('pH mesuré du produit').fill('3,3');
  await page.getByLabel('Nom de la sonde').fill('Thermomètre du camion');
  await page.getByLabel('Dernier étalonnage').fill(dayAhead(-30));
  await page.getByLabel('Étalonnage à refaire avant le').fill(dayAhead(335));
  await page.getByLabel('Je confirme que ces températures').check();
  await page.getByRole('button', { name: 'Enregistrer le lot' }).click();
  await expect(page.locator('.verdict')).toContainText('Conforme');
  await page.getByLabel('Centre', { exact: true }).selectOption({ label: 'Maison de quartier des Ors' });
  await expect(page.getByLabel('370 ml (reste 12)')).toHaveValue('12');
  await page.getByRole('button', { name: 'Entrer en stock' }).click();
  await expect(page.locator('.plain-list')).toContainText('12 × 370 ml → Maison de quartier des Ors');

  // The first jar goes out, on deposit at the cannery's rate (2 € unless changed).
  await page.goto('/animation/comptoir');
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').fill(memberNumber);
  await page.getByLabel('Membre : nom, n° de membre ou carte scannée').press('Enter');
  await expect(page.locator('.member-desk h2')).toHaveText('Inès');
  const jam = page.locator('.stock-choices li', { hasText: "Confiture d'abricots" });
  await jam.getByRole('button', { name: 'Consigne 2,00 €' }).click();
  await expect(page.locator('.outcome-done')).toContainText("Confiture d'abricots");
  await expect(page.locator('.member-balance')).toContainText('1 bocal en consigne');
  await context.close();
});
