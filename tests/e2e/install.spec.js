// `redline install --browser chromium` is all the browser needs: the real
// installer writes the manifest and launcher into a fresh Chromium profile,
// the unpacked extension (dist/chrome) starts the host through them, and the
// host's suggestions come back as underlines. After `redline uninstall` the
// profile holds nothing of Redline's.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { test, expect, EXTENSION_ID } from './fixtures.js';
import { pickText, underlines } from './editor_suite.js';
import { CHROMIUM, EXTENSION_DIR, ROOT } from './paths.js';
import { redlineBinary } from './native_host.js';

function redline(home, ...args) {
  const env = { ...process.env, HOME: home };
  for (const key of Object.keys(env)) if (key.startsWith('XDG_')) delete env[key];
  return execFileSync(redlineBinary(ROOT), args, { env, encoding: 'utf8' });
}

test('redline install into a Chromium profile gives the extension a working host', async ({ server, oracle }) => {
  const pick = await pickText(oracle);
  test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
  const home = await mkdtemp(path.join(os.tmpdir(), 'redline-install-e2e-'));
  const profile = path.join(home, 'profile');
  let context;
  try {
    const report = redline(home, 'install', '--browser', 'chromium', '--user-data-dir', profile);
    const manifestPath = path.join(profile, 'NativeMessagingHosts', 'com.redline.host.json');
    expect(report).toContain(manifestPath);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    expect(manifest.allowed_origins).toEqual([`chrome-extension://${EXTENSION_ID}/`]);
    expect(manifest.path.startsWith(home)).toBe(true); // the launcher `install` wrote, not a test stand-in

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 900, height: 700 },
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--disable-features=DisableLoadExtensionCommandLineSwitch',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--disable-gpu',
      ],
    });
    // Every suggestion shown (Thorough), as in the other Chromium tests (fixtures.js).
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 30000 });
    await worker.evaluate(() => chrome.storage.local.set({ sensitivity: 'thorough' }));
    const page = await context.newPage();
    await page.goto(`${server.url}/textarea.html`);
    await page.click('#message');
    await page.keyboard.type(pick.text);
    const spans = (list) => [...new Set(list.map((s) => `${s.start}-${s.end}`))].sort();
    await expect.poll(async () => spans(await underlines(page)), { timeout: 90000 }).toEqual(spans(pick.suggestions));
  } finally {
    await context?.close();
  }

  redline(home, 'uninstall', '--user-data-dir', profile);
  expect(existsSync(path.join(profile, 'NativeMessagingHosts'))).toBe(false);
  expect(readdirSync(home).filter((name) => name !== 'profile')).toEqual([]); // launcher and record gone too
  await rm(home, { recursive: true, force: true });
});
