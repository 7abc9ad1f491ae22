// Playwright fixtures: a localhost server, the real Redline host (as an oracle
// the tests ask what it suggests), and Chromium with the extension loaded and
// the native messaging host registered in its profile.
import { test as base, chromium } from '@playwright/test';
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, EXTENSION_DIR, CHROMIUM } from './paths.js';
import { startServer } from './server.js';
import { NativeHost, redlineBinary } from './native_host.js';

export const EXTENSION_ID = (await readFile(path.join(ROOT, 'extension', 'EXTENSION_ID'), 'utf8')).trim();

/** A profile whose NativeMessagingHosts/ names `redline native` (or nothing, for the host-missing test). */
async function makeProfile(redline) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'redline-e2e-'));
  const profile = path.join(dir, 'profile');
  await mkdir(path.join(profile, 'NativeMessagingHosts'), { recursive: true });
  if (redline) {
    // The manifest's path cannot carry arguments: a launcher adds `native`.
    const launcher = path.join(dir, 'redline-native-host');
    await writeFile(launcher, `#!/bin/sh\nexec "${redline}" native "$@"\n`, { mode: 0o755 });
    const manifest = {
      name: 'com.redline.host',
      description: 'Redline host (e2e)',
      path: launcher,
      type: 'stdio',
      allowed_origins: [`chrome-extension://${EXTENSION_ID}/`],
    };
    await writeFile(path.join(profile, 'NativeMessagingHosts', 'com.redline.host.json'), JSON.stringify(manifest, null, 2));
  }
  return { dir, profile };
}

export async function launchBrowser({ withHost = true } = {}) {
  const redline = withHost ? redlineBinary(ROOT) : null;
  const { dir, profile } = await makeProfile(redline);
  const context = await chromium.launchPersistentContext(profile, {
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
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30000 });
  const extensionId = new URL(worker.url()).host;
  // As REDLINE_MIN_MARGIN keeps every change the model makes, show every suggestion whatever
  // its confidence: the flows under test must not depend on how sure the calibrator is.
  await worker.evaluate(() => chrome.storage.local.set({ sensitivity: 'thorough' }));
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // The real host, asked directly: the tests assert the extension shows what it says.
  oracle: [
    async ({}, use) => {
      const bin = redlineBinary(ROOT);
      if (!bin) throw new Error('`redline` not found: install the host (pip install -e .) or set REDLINE_BIN');
      const host = new NativeHost(bin);
      await host.hello();
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
  // A fresh profile per test, so one test's ignores and settings never leak into another.
  chromiumWithExtension: async ({}, use) => {
    const b = await launchBrowser();
    await use(b);
    await b.close();
  },
  page: async ({ chromiumWithExtension }, use) => {
    const page = await chromiumWithExtension.context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect } from '@playwright/test';
