#!/usr/bin/env node
// Makes docs/screenshot.png, the README's picture of an underline and its card,
// the way a user gets there: `redline install --browser chromium` into a fresh
// Chromium profile, the unpacked extension from dist/chrome, a page with a text
// field, typing. Rerun it when the model changes:
//   npm ci && node packaging/build_extension.mjs --chrome-only && node scripts/readme_screenshot.mjs
// Environment: REDLINE_BIN (default .venv/bin/redline), CHROMIUM_PATH (default /usr/bin/chromium),
// SCREENSHOT_TEXT (the text typed), SCREENSHOT_WORD (the underlined word to open; default: the first).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDLINE = process.env.REDLINE_BIN || path.join(ROOT, '.venv', 'bin', 'redline');
const TEXT = process.env.SCREENSHOT_TEXT || 'She dont like the apples that he buyed.';
const WORD = process.env.SCREENSHOT_WORD || 'buyed';
const OUT = path.join(ROOT, 'docs', 'screenshot.png');

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New message</title><style>
  body { font-family: "DejaVu Sans", sans-serif; margin: 24px; color: #222; }
  h1 { font-size: 18px; margin: 0 0 12px; }
  textarea { display: block; width: 520px; height: 90px; font: 16px/1.5 "DejaVu Sans", sans-serif; padding: 10px;
             border: 1px solid #bbb; border-radius: 6px; }
</style></head><body><h1>New message</h1><textarea id="message" aria-label="Message"></textarea></body></html>`;

const home = await mkdtemp(path.join(os.tmpdir(), 'redline-screenshot-'));
const profile = path.join(home, 'profile');
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
let context;
try {
  // The real installer, into this profile only (the launcher goes under the throwaway HOME).
  const env = { ...process.env, HOME: home };
  for (const k of Object.keys(env)) if (k.startsWith('XDG_')) delete env[k];
  console.log(execFileSync(REDLINE, ['install', '--browser', 'chromium', '--user-data-dir', profile], { env, encoding: 'utf8' }));

  const extension = path.join(ROOT, 'dist', 'chrome');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 640, height: 360 },
    deviceScaleFactor: 2,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-gpu'],
  });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.click('#message');
  await page.keyboard.type(TEXT);

  const underlines = () => page.evaluate(() => [...(document.querySelector('redline-overlay')?.shadowRoot
    ?.querySelectorAll('.underline') ?? [])].map((el) => ({ start: +el.dataset.start, end: +el.dataset.end, box: el.getBoundingClientRect().toJSON() })));
  let found = [];
  for (let i = 0; i < 240 && !found.length; i++) {
    found = await underlines();
    if (!found.length) await page.waitForTimeout(500);
  }
  if (!found.length) throw new Error('no underline appeared in 2 minutes: is the host working? (redline doctor)');
  await page.waitForTimeout(1000); // let every paragraph's result arrive
  found = await underlines();
  const wordAt = TEXT.indexOf(WORD);
  const target = found.find((u) => u.start <= wordAt && wordAt < u.end) || found[0];
  await page.mouse.move(target.box.left + target.box.width / 2, target.box.top + target.box.height / 2, { steps: 3 });
  const card = page.locator('redline-overlay .card');
  await card.waitFor({ state: 'visible', timeout: 10000 });
  const field = await page.locator('#message').boundingBox();
  const box = await card.boundingBox();
  const left = Math.min(field.x, box.x) - 16;
  const top = 8;
  await mkdir(path.dirname(OUT), { recursive: true });
  await page.screenshot({
    path: OUT,
    clip: { x: Math.max(0, left), y: top, width: Math.max(field.x + field.width, box.x + box.width) + 16 - Math.max(0, left),
      height: Math.max(field.y + field.height, box.y + box.height) + 16 - top },
  });
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
} finally {
  await context?.close();
  server.close();
  await rm(home, { recursive: true, force: true });
}
