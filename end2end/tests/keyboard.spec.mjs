// The main forms with the keyboard alone: Tab to a field, type, Enter or Space to act. No
// click anywhere in these tests.
import { expect, test, upcomingWorkshops } from './helpers.mjs';

/** Presses Tab until `target` has the focus (at most 80 times), as a keyboard user would. */
async function tabTo(page, target) {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test('a resident signs up for a workshop with the keyboard alone', async ({ page, request }) => {
  const workshop = (await upcomingWorkshops(request)).find(
    (w) => w.status !== 'cancelled' && w.signed_up < w.capacity,
  );
  await page.goto(`/ateliers/${workshop.id}`);
  await tabTo(page, page.getByLabel('Prénom'));
  await page.keyboard.type('Clavier');
  await tabTo(page, page.getByLabel('Téléphone'));
  await page.keyboard.type(`06 55 ${String(Date.now()).slice(-6, -4)} ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Vous êtes inscrit·e. À bientôt !')).toBeVisible();
});

test('an animator logs in and credits minutes at the counter with the keyboard alone', async ({ page }) => {
  await page.goto('/connexion');
  await tabTo(page, page.getByLabel('Identifiant'));
  await page.keyboard.type('100002');
  await tabTo(page, page.getByLabel('Mot de passe'));
  await page.keyboard.type('animation');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/animation');

  await tabTo(page, page.getByRole('link', { name: 'Comptoir' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Membre : nom, n° de membre ou carte scannée'));
  await page.keyboard.type('100003');
  await page.keyboard.press('Enter');
  await expect(page.locator('.member-desk h2')).toHaveText('Samia');
  const before = Number(await page.locator('.member-balance .wallet-number').innerText());
  await tabTo(page, page.getByRole('button', { name: '30 min' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Créditer 30 tic-tac' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.outcome-done')).toContainText('Samia : +30 tic-tac');
  await expect(page.locator('.member-balance .wallet-number')).toHaveText(String(before + 30));
});
