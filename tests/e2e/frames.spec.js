// Fields inside an iframe (all_frames), inside an open shadow root, and added
// after load are all found and checked.
import { test, expect } from './fixtures.js';
import { pickText } from './editor_suite.js';

/** "field:start-end" of every underline drawn in a frame's overlay. */
const drawn = (frame) =>
  frame.evaluate(() => {
    const root = document.querySelector('redline-overlay')?.shadowRoot;
    const keys = [...(root?.querySelectorAll('.underline') ?? [])].map((el) => `${el.dataset.field}:${el.dataset.start}-${el.dataset.end}`);
    return [...new Set(keys)].sort();
  });
const spans = (keys) => [...new Set(keys.map((k) => k.split(':')[1]))].sort();
const expected = (sugs) => [...new Set(sugs.map((s) => `${s.start}-${s.end}`))].sort();

test('fields in an iframe, an open shadow root and added later are checked', async ({ page, server, oracle }) => {
  const pick = await pickText(oracle);
  test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
  const want = expected(pick.suggestions);
  await page.goto(`${server.url}/frames.html`);

  await page.frameLocator('#frame').locator('#message').click();
  await page.keyboard.type(pick.text);
  const inner = page.frame({ url: /textarea\.html$/ });
  await expect.poll(async () => spans(await drawn(inner)), { timeout: 90000 }).toEqual(want);

  await page.locator('comment-box [contenteditable]').click();
  await page.keyboard.type(pick.text);
  await expect.poll(async () => spans(await drawn(page.mainFrame())), { timeout: 90000 }).toEqual(want);

  await page.locator('#added').click();
  await page.keyboard.type(pick.text);
  // Two checked fields in the top frame now, each with every suggestion.
  await expect.poll(async () => (await drawn(page.mainFrame())).length, { timeout: 90000 }).toBe(2 * want.length);
});
