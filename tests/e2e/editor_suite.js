// The same end-to-end checks for every editor: the extension underlines exactly
// what the real host suggests, the underline sits on the word (and stays there
// when the field scrolls), the card opens on hover, accepting edits through the
// editor (its own model changes, the caret stays, Ctrl+Z undoes), and Ignore
// sticks. Nothing here hard-codes what the model flags: the host is asked first.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from './fixtures.js';
import { SCREENSHOTS } from './paths.js';
import { normalizeSuggestions } from '../../extension/shared/protocol.js';
import { replaceSpan, mapPosition, replacementLabel } from '../../extension/shared/edits.js';

// Texts with obvious errors, tried in order until the host flags something.
export const CANDIDATE_TEXTS = [
  'He go to school yesterday and buy a apple.',
  'She dont like the apples that he buyed.',
  'This are my freind and he have three cat.',
  'i has went to teh store yesterday.',
  'Their is many reason for this problem.',
  'Me and him was late to the the meeting.',
];

/** The first candidate text the host has a replacement for, with its suggestions. */
export async function pickText(oracle, prefix = '') {
  for (const candidate of CANDIDATE_TEXTS) {
    const text = prefix + candidate;
    const suggestions = normalizeSuggestions(text, await oracle.check(text));
    const target = suggestions.find((s) => s.replacements.length > 0 && s.end > s.start && s.start >= prefix.length && !/\s/.test(s.text));
    if (target) return { text, suggestions, target };
  }
  return null;
}

const NO_SUGGESTIONS = 'the host suggests no change to any candidate text with the current model; nothing to underline';

export async function underlines(page) {
  return page.evaluate(() => {
    const root = document.querySelector('redline-overlay')?.shadowRoot;
    if (!root) return [];
    return [...root.querySelectorAll('.underline')].map((el) => {
      const r = el.getBoundingClientRect();
      return { start: +el.dataset.start, end: +el.dataset.end, category: el.dataset.category, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  });
}

export async function badgeState(page) {
  return page.evaluate(() => document.querySelector('redline-overlay')?.shadowRoot?.querySelector('.badge')?.dataset.state ?? null);
}

const spans = (list) => [...new Set(list.map((u) => `${u.start}-${u.end}`))].sort();

/** Wait until the underlines are exactly the given suggestions (all visible ones). */
async function expectUnderlinesFor(page, suggestions) {
  await expect.poll(async () => spans(await underlines(page)), { timeout: 90000 }).toEqual(spans(suggestions));
}

/** The viewport boxes of model text [start, end), found by the test itself. */
async function wordBoxes(page, editor, text, s) {
  // Which occurrence of the span's text this is, counted in the model text.
  let nth = 0;
  for (let i = text.indexOf(s.text); i >= 0 && i < s.start; i = text.indexOf(s.text, i + 1)) nth++;
  return page.evaluate(
    ({ selector, needle, nth }) => {
      const root = document.querySelector(selector);
      const nodes = [];
      let flat = '';
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n, flat.length]);
        flat += n.data;
      }
      flat = flat.replace(/\u00a0/g, ' ');
      let at = -1;
      for (let k = 0; k <= nth; k++) at = flat.indexOf(needle, at + 1);
      const point = (offset, end) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          const [n, base] = nodes[i];
          if (offset > base || (offset === base && !end)) return [n, offset - base];
        }
        return [nodes[0][0], 0];
      };
      const range = document.createRange();
      range.setStart(...point(at, false));
      range.setEnd(...point(at + needle.length, true));
      return [...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    },
    { selector: editor.textRoot ?? editor.field, needle: s.text, nth },
  );
}

/** The underline of `s` covers exactly its word: same left, right, top and bottom (±1.5 px). */
async function expectAligned(page, editor, text, s) {
  const lines = (await underlines(page)).filter((u) => u.start === s.start && u.end === s.end);
  expect(lines.length, `an underline for “${s.text}”`).toBeGreaterThan(0);
  if (editor.kind === 'textarea') {
    // No DOM Range reaches inside a textarea: ask the browser which character is under the underline.
    for (const u of lines) {
      const y = (u.top + u.bottom) / 2;
      const at = (x) => page.evaluate(([x, y]) => document.caretPositionFromPoint(x, y)?.offset ?? null, [x, y]);
      expect(await at(u.left + 1), 'left edge of the underline').toBe(s.start);
      expect(await at(u.right - 1), 'right edge of the underline').toBe(s.end);
    }
    return;
  }
  const boxes = await wordBoxes(page, editor, text, s);
  expect(boxes.length).toBe(lines.length);
  lines.sort((a, b) => a.top - b.top);
  boxes.sort((a, b) => a.top - b.top);
  lines.forEach((u, i) => {
    for (const side of ['left', 'right', 'top', 'bottom']) expect(Math.abs(u[side] - boxes[i][side]), side).toBeLessThanOrEqual(1.5);
  });
}

async function hoverUnderline(page, s) {
  const u = (await underlines(page)).find((x) => x.start === s.start && x.end === s.end);
  await page.mouse.move(u.left + (u.right - u.left) / 2, u.top + (u.bottom - u.top) / 2, { steps: 3 });
  const card = page.locator('redline-overlay .card');
  await expect(card).toBeVisible();
  return card;
}

async function typeInto(page, editor, text) {
  await page.click(editor.field);
  await page.keyboard.type(text);
}

export function editorSuite(editor) {
  test.describe(editor.name, () => {
    test('underlines the host’s suggestions; accepting edits through the editor, keeps the caret, and undoes', async ({ page, server, oracle }) => {
      const pick = await pickText(oracle);
      test.skip(!pick, NO_SUGGESTIONS);
      const { text, suggestions, target } = pick;
      await page.goto(server.url + editor.path);
      await typeInto(page, editor, text);
      await expectUnderlinesFor(page, suggestions);
      await expect.poll(() => badgeState(page)).toBe('issues');
      for (const s of suggestions) if (s.end > s.start) await expectAligned(page, editor, text, s);

      const caretBefore = await editor.caret(page);
      expect(caretBefore).toBe(text.length);
      const card = await hoverUnderline(page, target);
      await expect(card.getByRole('button', { name: 'Ignore' })).toBeVisible();
      await expect(card.getByRole('button', { name: 'Turn off on this site' })).toBeVisible();
      for (const r of target.replacements) await expect(card.getByRole('button', { name: replacementLabel(target, r), exact: true })).toBeVisible();
      if (target.message) await expect(card).toContainText(target.message);
      await mkdir(SCREENSHOTS, { recursive: true });
      const field = await page.locator(editor.field).boundingBox();
      const cardBox = await card.boundingBox();
      const left = Math.max(0, Math.min(field.x, cardBox.x) - 12);
      const top = Math.max(0, Math.min(field.y, cardBox.y) - 12);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `card-${editor.name}.png`),
        clip: { x: left, y: top, width: Math.max(field.x + field.width, cardBox.x + cardBox.width) + 12 - left, height: Math.max(field.y + field.height, cardBox.y + cardBox.height) + 12 - top },
      });

      await page.waitForTimeout(1200); // a person reads the card; editors group edits closer than ~1 s into one undo step
      const replacement = target.replacements[0];
      await card.getByRole('button', { name: replacementLabel(target, replacement), exact: true }).click();
      const fixed = replaceSpan(text, target.start, target.end, replacement);
      await expect.poll(() => editor.modelText(page)).toBe(fixed);
      await expect.poll(() => editor.caret(page)).toBe(mapPosition(caretBefore, target.start, target.end, replacement.length));
      await expect(card).toBeHidden();
      await expect.poll(async () => (await underlines(page)).some((u) => u.start === target.start && u.end === target.end && u.category === target.category)).toBe(false);

      await page.keyboard.press('Control+z');
      await expect.poll(() => editor.modelText(page)).toBe(text);
      // Back to the original text: its suggestions come back from the cache.
      await expectUnderlinesFor(page, suggestions);
    });

    test('Ignore removes the underline and it stays gone after more typing', async ({ page, server, oracle }) => {
      const pick = await pickText(oracle);
      test.skip(!pick, NO_SUGGESTIONS);
      const { text, suggestions, target } = pick;
      await page.goto(server.url + editor.path);
      await typeInto(page, editor, text);
      await expectUnderlinesFor(page, suggestions);
      const card = await hoverUnderline(page, target);
      await card.getByRole('button', { name: 'Ignore' }).click();
      const rest = suggestions.filter((s) => s !== target);
      await expectUnderlinesFor(page, rest);

      const more = ' Thanks for your help.';
      await page.keyboard.type(more);
      const full = text + more;
      const after = normalizeSuggestions(full, await oracle.check(full)).filter((s) => !(s.start === target.start && s.end === target.end && s.text === target.text));
      await expectUnderlinesFor(page, after);
      await expect.poll(() => badgeState(page)).not.toBe('checking');
      expect((await underlines(page)).some((u) => u.start === target.start && u.end === target.end)).toBe(false);
    });

    test('underlines stay on their words when the field scrolls', async ({ page, server, oracle }) => {
      const lines = ['Line one is short.', 'Line two is short.', 'Line three is short.', 'Line four is short.', 'Line five is short.', 'Line six is short.', 'Line seven is short.'];
      const prefix = lines.join('\n') + '\n';
      const pick = await pickText(oracle, prefix);
      test.skip(!pick, NO_SUGGESTIONS);
      const { text, target } = pick;
      await page.goto(server.url + editor.path);
      await page.click(editor.field);
      for (const line of lines) {
        await page.keyboard.type(line);
        await page.keyboard.press('Enter');
      }
      await page.keyboard.type(text.slice(prefix.length));
      await expect.poll(() => editor.modelText(page)).toBe(text);
      const scroller = page.locator(editor.scroller ?? editor.field);
      expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 20), 'the field scrolls').toBe(true);
      await expect
        .poll(async () => (await underlines(page)).filter((u) => u.start === target.start && u.end === target.end).length, {
          timeout: 90000,
          message: `an underline on “${target.text}” at ${target.start}`,
        })
        .toBeGreaterThan(0)
        .catch(async (e) => {
          console.log(JSON.stringify({ target, underlines: await underlines(page), badge: await badgeState(page) }));
          throw e;
        });
      await expectAligned(page, editor, text, target);

      const box = await scroller.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (const dy of [-30, -30]) {
        await page.mouse.wheel(0, dy);
        await page.waitForTimeout(250);
        const visible = await scroller.evaluate((el) => el.scrollTop + el.clientHeight < el.scrollHeight - 1);
        expect(visible).toBe(true);
        const shown = (await underlines(page)).some((u) => u.start === target.start && u.end === target.end);
        const wordInView = (await wordBoxesOrMirror(page, editor, text, target, box));
        if (wordInView) await expectAligned(page, editor, text, target);
        else expect(shown, 'no underline for a word scrolled out of view').toBe(false);
      }
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await page.waitForTimeout(250);
      expect((await underlines(page)).some((u) => u.start === target.start && u.end === target.end), 'scrolled out of view').toBe(false);
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(250);
      await expectAligned(page, editor, text, target);
    });
  });
}

/** Is the target word inside the visible part of the scroller? */
async function wordBoxesOrMirror(page, editor, text, s, box) {
  if (editor.kind === 'textarea') {
    const u = (await underlines(page)).find((x) => x.start === s.start && x.end === s.end);
    return Boolean(u);
  }
  const boxes = await wordBoxes(page, editor, text, s);
  return boxes.some((b) => b.top >= box.y - 0.5 && b.bottom <= box.y + box.height + 0.5);
}
