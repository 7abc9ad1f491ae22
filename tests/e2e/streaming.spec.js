// A long e-mail checked in one request with a host that streams (PROTOCOL.md, "Partial
// results"): the paragraph in view is underlined while the rest of the text is still being
// checked, and in the end what is drawn is the host's answer for the whole text. The times
// are printed, not asserted (they depend on the machine).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, EXTENSION_ID } from './fixtures.js';
import { ROOT } from './paths.js';
import { underlines } from './editor_suite.js';
import { normalizeSuggestions } from '../../extension/shared/protocol.js';

// Written for this test (about 1,100 words, 22 paragraphs, every sentence different), with a
// few slips, two in the first paragraph; the Firefox test reads the same file.
export const LONG_EMAIL = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'long_email.txt'), 'utf8').replace(/\n$/, '');

test('a long e-mail: the paragraph in view is underlined while the rest is still being checked', async ({ page, server, oracle }) => {
  const text = LONG_EMAIL;
  const words = text.split(/\s+/).length;
  await page.goto(`${server.url}/textarea.html`);
  await page.click('#message');
  // The host is up and its model loaded (as on a page open for a while).
  const badge = page.locator('redline-overlay .badge');
  await page.keyboard.type('Hello there.');
  await expect(badge).toHaveAttribute('data-state', 'ok', { timeout: 90000 });
  // It streams (protocol 2), so the extension sends the whole e-mail in one request.
  const popup = await page.context().newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  const status = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
  expect(status.status).toMatchObject({ state: 'connected', protocol: 2, streams: true });
  await popup.close();
  await page.bringToFront();

  // The whole e-mail arrives at once (a paste), the caret at its start: the top is in view.
  const t0 = Date.now();
  await page.locator('#message').evaluate((el, t) => {
    el.value = t;
    el.setSelectionRange(0, 0);
    el.scrollTop = 0;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  const firstParagraphEnd = text.indexOf('\n');
  await expect.poll(async () => (await underlines(page)).length, { timeout: 120000, intervals: [25] }).toBeGreaterThan(0);
  const firstUnderline = Date.now() - t0;
  const busyAtFirst = await badge.getAttribute('data-busy');
  const drawnFirst = await underlines(page);
  const done = () => badge.evaluate((b) => b.dataset.state !== 'checking' && b.dataset.busy !== 'true');
  await expect.poll(done, { timeout: 170000, intervals: [50] }).toBe(true);
  const whole = Date.now() - t0;
  console.log(`streaming: ${words} words, ${text.length} chars, 22 paragraphs in one request: first underline ${firstUnderline} ms, whole text checked ${whole} ms after the paste`);
  expect(busyAtFirst, 'the first underline came while the rest of the text was still being checked').toBe('true');
  expect(drawnFirst.every((u) => u.end <= firstParagraphEnd), 'the first underlines are in the paragraph in view').toBe(true);

  // In the end, what the host says about the whole text: the badge counts it all, the
  // underlines in view sit on the host's spans.
  const expected = normalizeSuggestions(text, await oracle.check(text));
  await expect(badge).toHaveText(String(expected.length));
  const keys = new Set(expected.map((s) => `${s.start}-${s.end}`));
  const drawn = await underlines(page);
  expect(drawn.length).toBeGreaterThan(0);
  for (const u of drawn) expect(keys.has(`${u.start}-${u.end}`), `${u.start}-${u.end}`).toBe(true);
});
