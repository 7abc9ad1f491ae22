#!/usr/bin/env node
// Makes every picture in README.md and docs/ from the shipped model, the way a user
// gets there: `redline install --browser chromium` into a fresh Chromium profile,
// the unpacked extension from dist/chrome, then
//   docs/screenshot.png          the README's picture: an underline and its card in a text field
//   docs/screenshots/card.png    the card alone
//   docs/screenshots/popup.png   the toolbar popup checking a text
// and docs/pictures.json: the SHA-256 of the model files they were made with, and of each
// picture (tests/host/test_pictures.py fails when the model has changed since).
// Rerun it when the model changes:
//   npm ci && node packaging/build_extension.mjs --chrome-only && node scripts/readme_screenshot.mjs
// Environment: REDLINE_BIN (default .venv/bin/redline), CHROMIUM_PATH (default /usr/bin/chromium),
// SCREENSHOT_TEXT (the text typed), SCREENSHOT_WORD (the underlined word to open; default: the first),
// POPUP_TEXT (the text checked in the popup).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDLINE = process.env.REDLINE_BIN || path.join(ROOT, '.venv', 'bin', 'redline');
const TEXT = process.env.SCREENSHOT_TEXT || 'Could you send me the finall numbers when you has a moment?';
const WORD = process.env.SCREENSHOT_WORD || 'has';
const POPUP_TEXT = process.env.POPUP_TEXT || 'I has attached the report that we discussed on monday. He go to the office every day.';
const DOCS = path.join(ROOT, 'docs');
const OUT = path.join(DOCS, 'screenshot.png');
const CARD = path.join(DOCS, 'screenshots', 'card.png');
const POPUP = path.join(DOCS, 'screenshots', 'popup.png');
const RECORD = path.join(DOCS, 'pictures.json');
const MODEL_DIR = path.join(ROOT, 'model', 'redline-small');
// native_host/model_files.py SHOWN_BY: the files whose change changes what the pictures show
const MODEL_FILES = ['config.json', 'decoder.onnx', 'encoder.onnx', 'tokenizer.json', 'words.txt', 'known.txt', 'capitalised.txt', 'calibration.json'];
const EXTENSION_ID = (await readFile(path.join(ROOT, 'extension', 'EXTENSION_ID'), 'utf8')).trim();
const sha256 = async (file) => createHash('sha256').update(await readFile(file)).digest('hex');

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
  await mkdir(path.dirname(CARD), { recursive: true });
  await page.screenshot({
    path: OUT,
    clip: { x: Math.max(0, left), y: top, width: Math.max(field.x + field.width, box.x + box.width) + 16 - Math.max(0, left),
      height: Math.max(field.y + field.height, box.y + box.height) + 16 - top },
  });
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
  await page.screenshot({ path: CARD, clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 } });
  console.log(`wrote ${path.relative(ROOT, CARD)}`);

  // The toolbar popup, opened as its page, checking a text through the same host.
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 404, height: 720 });
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  await popup.fill('#text', POPUP_TEXT);
  await popup.getByRole('button', { name: 'Check', exact: true }).click();
  await popup.locator('#results li').first().waitFor({ state: 'visible', timeout: 120000 });
  await popup.locator('#corrected-section').waitFor({ state: 'visible', timeout: 10000 });
  await popup.waitForTimeout(500);
  const height = await popup.evaluate(() => Math.ceil(document.querySelector('footer').getBoundingClientRect().bottom) + 12);
  await popup.screenshot({ path: POPUP, clip: { x: 0, y: 0, width: 404, height } });
  console.log(`wrote ${path.relative(ROOT, POPUP)}: ${await popup.locator('#results li').count()} suggestions, ` +
    `corrected: ${await popup.locator('#corrected').inputValue()}`);

  // What the pictures were made with, for the check that they are not older than the model.
  const model = Object.fromEntries(await Promise.all(MODEL_FILES.map(async (f) => [f, await sha256(path.join(MODEL_DIR, f))])));
  const pictures = Object.fromEntries(await Promise.all([OUT, CARD, POPUP].map(async (f) => [path.relative(ROOT, f), await sha256(f)])));
  const record = { made_by: 'node scripts/readme_screenshot.mjs', made_on: new Date().toISOString().slice(0, 10),
    model: path.relative(ROOT, MODEL_DIR), model_files: model, pictures, texts: { field: TEXT, popup: POPUP_TEXT } };
  await writeFile(RECORD, JSON.stringify(record, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, RECORD)}`);
} finally {
  await context?.close();
  server.close();
  await rm(home, { recursive: true, force: true });
}
