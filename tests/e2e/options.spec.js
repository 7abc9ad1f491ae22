// The options page and what it changes on pages: "Turn off on this site" and the
// site list, categories, and the websocket transport to a real `redline serve`.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect, launchBrowser, EXTENSION_ID } from './fixtures.js';
import { pickText, underlines, badgeState } from './editor_suite.js';
import { redlineBinary } from './native_host.js';
import { ROOT } from './paths.js';

const spans = (list) => [...new Set(list.map((u) => `${u.start}-${u.end}`))].sort();

test('turn off on this site, turn back on from the options; categories switch underlines off', async ({ chromiumWithExtension, page, server, oracle }) => {
  const pick = await pickText(oracle);
  test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
  const { text, suggestions, target } = pick;
  await page.goto(`${server.url}/textarea.html`);
  await page.click('#message');
  await page.keyboard.type(text);
  await expect.poll(async () => spans(await underlines(page)), { timeout: 90000 }).toEqual(spans(suggestions));

  // Off on this site, from the card.
  const u = (await underlines(page)).find((x) => x.start === target.start && x.end === target.end);
  await page.mouse.move((u.left + u.right) / 2, (u.top + u.bottom) / 2);
  await page.locator('redline-overlay .card').getByRole('button', { name: 'Turn off on this site' }).click();
  await expect.poll(async () => (await underlines(page)).length).toBe(0);
  await expect(page.locator('#message')).toHaveValue(text);

  const options = await chromiumWithExtension.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
  await expect(options.locator('#sites li')).toHaveText([/localhost/]);
  await options.getByRole('button', { name: 'Remove localhost' }).click();
  await expect(options.locator('#sites li')).toHaveCount(0);

  await page.bringToFront();
  await page.click('#message');
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect.poll(async () => spans(await underlines(page)), { timeout: 90000 }).toEqual(spans(suggestions));

  // A category switched off in the options disappears from the page at once.
  await options.bringToFront();
  await options.getByLabel(new RegExp(`^\\s*${target.category.replace('-', '.')}`, 'i')).uncheck();
  await page.bringToFront();
  await expect
    .poll(async () => spans(await underlines(page)), { timeout: 30000 })
    .toEqual(spans(suggestions.filter((s) => s.category !== target.category)));
});

test('websocket transport: options point the extension at `redline serve`', async ({ server, oracle }) => {
  const pick = await pickText(oracle);
  test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
  const bin = redlineBinary(ROOT);
  const config = await mkdtemp(path.join(os.tmpdir(), 'redline-ws-'));
  const env = { ...process.env, REDLINE_CONFIG_DIR: config, REDLINE_TOKEN_STORE: 'file' };
  const token = execFileSync(bin, ['token'], { env, encoding: 'utf8' }).trim().split(/\s+/).pop();
  const serve = spawn(bin, ['serve', '--port', '0', '--no-lt-api'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redline serve did not start: ${log}`)), 30000);
    serve.stderr.on('data', (d) => {
      log += d;
      const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const b = await launchBrowser({ withHost: false }); // no native host: only the websocket can answer
  try {
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options/options.html`);
    await options.getByLabel(/Websocket/).check();
    await options.getByLabel('Port').fill(String(port));
    await options.getByLabel('Port').press('Tab');
    await options.getByLabel('Token').fill(token);
    await options.getByLabel('Token').press('Tab');
    await options.getByRole('button', { name: 'Test connection' }).click();
    const hello = await oracle.hello();
    await expect(options.locator('#status-text')).toHaveText(`Connected via websocket · ${hello.model} · host ${hello.host_version}`, { timeout: 30000 });

    const page = await b.context.newPage();
    await page.goto(`${server.url}/textarea.html`);
    await page.click('#message');
    await page.keyboard.type(pick.text);
    await expect.poll(async () => spans(await underlines(page)), { timeout: 90000 }).toEqual(spans(pick.suggestions));
    expect(await badgeState(page)).toBe('issues');
  } finally {
    await b.close();
    serve.kill('SIGTERM');
    await rm(config, { recursive: true, force: true });
  }
});
