// End-to-end tests: the release web app (dist/) served by the release bocal-server on a fresh
// SQLite file with demo data, driven in Debian's Chromium. Never downloads a browser.
import { defineConfig } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.BOCAL_E2E_PORT ?? '8099';
// The SMS gateway the server sends to (end2end/sms-gateway.mjs); tests read what it got.
export const smsPort = process.env.BOCAL_E2E_SMS_PORT ?? '8098';
// The SMTP server the server sends e-mail to (end2end/mail-receiver.mjs), and where it lists
// what it received.
const smtpPort = process.env.BOCAL_E2E_SMTP_PORT ?? '8096';
export const mailListPort = process.env.BOCAL_E2E_MAIL_PORT ?? '8095';
// A VAPID key for this run, so that the app offers notifications (web push).
const vapidKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' }).d;
const database = path.join(mkdtempSync(path.join(tmpdir(), 'bocal-e2e-')), 'bocal.sqlite');
// A second server, started without --demo on a database of its own: a real cannery's first day
// (first_day.spec.mjs). Its file's path goes to the workers (which load this file again) by
// the environment, so that the test can run `create-admin` on it.
export const freshPort = process.env.BOCAL_E2E_FRESH_PORT ?? '8094';
process.env.BOCAL_E2E_FRESH_DATABASE ??= path.join(mkdtempSync(path.join(tmpdir(), 'bocal-e2e-fresh-')), 'bocal.sqlite');
const freshDatabase = process.env.BOCAL_E2E_FRESH_DATABASE;

// The moment the suite runs at, whatever the wall clock says: `BOCAL_TEST_NOW` (RFC 3339), or by
// default a Wednesday morning while a demo workshop is under way (the Rust tests' default too,
// `tests/api/common/mod.rs`). The server's system clock is set to it by libfaketime, preloaded into
// the process (the server has no flag for it, on purpose); each browser context's clock is set
// to the server's (helpers.mjs).
const testNow = new Date(process.env.BOCAL_TEST_NOW ?? '2026-12-02T10:00:00+01:00');
if (Number.isNaN(testNow.getTime())) throw new Error(`BOCAL_TEST_NOW is not a date: ${process.env.BOCAL_TEST_NOW}`);
const libfaketime = readdirSync('/usr/lib')
  .map((folder) => path.join('/usr/lib', folder, 'faketime/libfaketimeMT.so.1'))
  .find((file) => existsSync(file));
if (!libfaketime) throw new Error('libfaketime is missing: run scripts/setup');
// Both servers' clocks start at `testNow`.
const pinnedClock = {
  LD_PRELOAD: libfaketime,
  // "@": starts at that moment, then runs. Read in the process's time zone: UTC.
  FAKETIME: `@${testNow.toISOString().slice(0, 19).replace('T', ' ')}`,
  FAKETIME_DONT_FAKE_MONOTONIC: '1',
  TZ: 'UTC',
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // Chromium's own background traffic is refused on this closed network: switch it off.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // A phone in another time zone: every time shown must still be Paris time.
    {
      name: 'phone',
      use: { viewport: { width: 390, height: 844 }, hasTouch: true, timezoneId: 'America/New_York' },
    },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Paris' } },
  ],
  webServer: [{
    command: `node ${path.join(root, 'end2end/sms-gateway.mjs')} ${smsPort}`,
    url: `http://127.0.0.1:${smsPort}/received`,
    reuseExistingServer: false,
  }, {
    command: `node ${path.join(root, 'end2end/mail-receiver.mjs')} ${smtpPort} ${mailListPort}`,
    url: `http://127.0.0.1:${mailListPort}/received`,
    reuseExistingServer: false,
  }, {
    command: [
      path.join(root, 'target/release/bocal-server'),
      `--addr 127.0.0.1:${port}`,
      `--database ${database}`,
      `--dist ${path.join(root, 'dist')}`,
      '--demo',
      `--sms-gateway-url http://127.0.0.1:${smsPort}/sms`,
      '--sms-gateway-token e2e',
      `--smtp-url smtp://127.0.0.1:${smtpPort}`,
      `--public-url http://127.0.0.1:${port}`,
      `--vapid-private-key ${vapidKey}`,
    ].join(' '),
    env: pinnedClock,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  }, {
    command: [
      path.join(root, 'target/release/bocal-server'),
      `--addr 127.0.0.1:${freshPort}`,
      `--database ${freshDatabase}`,
      `--dist ${path.join(root, 'dist')}`,
      `--public-url http://127.0.0.1:${freshPort}`,
    ].join(' '),
    env: pinnedClock,
    url: `http://127.0.0.1:${freshPort}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  }],
});
