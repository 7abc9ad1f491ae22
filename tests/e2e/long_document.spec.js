// A long document pasted into a real editor (TipTap/ProseMirror): what is in view is
// checked first, the rest in the background by paragraphs, and in the end every
// paragraph is checked (the badge's count is the host's count for the whole text,
// checked paragraph by paragraph; see streaming.spec.js for one streamed request). The times are printed, not asserted
// (they depend on the machine): scripts/test.sh's log carries them.
import { test, expect } from './fixtures.js';
import { underlines } from './editor_suite.js';
import { normalizeSuggestions } from '../../extension/shared/protocol.js';

const PLACES = ['library', 'station', 'market', 'harbour', 'museum', 'garden', 'office', 'bakery', 'stadium', 'hospital'];
const THINGS = ['report', 'letter', 'schedule', 'budget', 'map', 'recipe', 'poster', 'invoice', 'manual', 'survey'];
const PEOPLE = ['Anna', 'Ben', 'Carla', 'David', 'Emma', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas'];

/** About 4,000 words in 40 paragraphs of distinct sentences, each paragraph with two plain errors. */
export function longDocument() {
  const paragraphs = [];
  for (let p = 0; p < 40; p++) {
    const s = [];
    for (let k = 0; k < 7; k++) {
      const i = p * 7 + k;
      const who = PEOPLE[i % 10];
      const place = PLACES[(i * 3 + p) % 10];
      const thing = THINGS[(i * 7 + 1) % 10];
      if (k === 2) s.push(`${who} go to the ${place} every morning before work on day ${i}.`);
      else if (k === 4) s.push(`They was not sure whether the ${thing} for week ${i} would arrive in time.`);
      else s.push(`On day ${i}, ${who} finished the ${thing} at the ${place} and sent it to the team before lunch.`);
    }
    paragraphs.push(s.join(' '));
  }
  return paragraphs.join('\n');
}

test('a long pasted document: the part in view first, then every paragraph, none left unchecked', async ({ page, server, oracle }) => {
  const text = longDocument();
  const words = text.split(/\s+/).length;
  expect(text.length).toBeGreaterThan(20000); // more than a version-1 host took in one request
  await page.goto(`${server.url}/tiptap.html`);
  await page.click('.ProseMirror');
  // The host is up and its model loaded (as on a page open for a while), then the paste replaces everything.
  const badge = page.locator('redline-overlay .badge');
  await page.keyboard.type('Hello there.');
  await expect(badge).toHaveAttribute('data-state', 'ok', { timeout: 90000 });
  await page.keyboard.press('Control+a');
  const t0 = Date.now();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.querySelector('.ProseMirror').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect.poll(() => page.evaluate(() => window.editor.getText({ blockSeparator: '\n' }))).toBe(text);

  // The first underline (only what is in view is drawn) comes while the rest is still being checked.
  await expect.poll(async () => (await underlines(page)).length, { timeout: 120000, intervals: [50] }).toBeGreaterThan(0);
  const firstInView = Date.now() - t0;
  console.log(`long document: ${words} words, ${text.length} chars, 40 paragraphs: first underline in view ${firstInView} ms after the paste`);
  const busyAtFirst = await badge.getAttribute('data-busy');
  const done = () => badge.evaluate((b) => b.dataset.state !== 'checking' && b.dataset.busy !== 'true');
  await expect.poll(done, { timeout: 170000, intervals: [100] }).toBe(true);
  const whole = Date.now() - t0;
  console.log(`long document: whole document checked ${whole} ms after the paste`);
  expect(busyAtFirst, 'the part in view is answered before the whole document').toBe('true');

  // Every paragraph was checked: the badge counts the host's suggestions for the whole text.
  let expected = [];
  let at = 0;
  for (const paragraph of text.split('\n')) {
    expected.push(...normalizeSuggestions(paragraph, await oracle.check(paragraph)).map((s) => ({ ...s, start: s.start + at, end: s.end + at })));
    at += paragraph.length + 1;
  }
  await expect(badge).toHaveText(String(expected.length));
  // What is drawn is the host's, on the right words.
  const keys = new Set(expected.map((s) => `${s.start}-${s.end}`));
  for (const u of await underlines(page)) expect(keys.has(`${u.start}-${u.end}`), `${u.start}-${u.end}`).toBe(true);
  // And at the top too, after scrolling there.
  await page.locator('.frame').evaluate((el) => (el.scrollTop = 0));
  await expect.poll(async () => (await underlines(page)).some((u) => u.start < text.indexOf('\n'))).toBe(true);
  for (const u of await underlines(page)) expect(keys.has(`${u.start}-${u.end}`), `${u.start}-${u.end}`).toBe(true);

  // Typing at the end of the long document: its new sentence is answered on its own.
  await page.keyboard.press('Control+End');
  const typedAt = Date.now();
  const more = ' He go to school yesterday and buy a apple.';
  await page.keyboard.type(more);
  const full = text + more;
  const last = full.slice(full.lastIndexOf('\n') + 1);
  const fresh = normalizeSuggestions(last, await oracle.check(last)).filter((s) => s.start >= last.length - more.length + 1);
  if (fresh.length) {
    const base = full.length - last.length;
    await expect.poll(async () => (await underlines(page)).some((u) => u.start === fresh[0].start + base), { intervals: [50] }).toBe(true);
    console.log(`long document: a sentence typed at the end underlined ${Date.now() - typedAt} ms after typing began (typing ${more.length} characters)`);
  }
});
