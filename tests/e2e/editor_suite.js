// The same end-to-end checks for every editor: the extension underlines exactly
// what the real host suggests, the underline sits on the word (and stays there
// when the field scrolls), the card opens on hover, accepting edits through the
// editor (its own model changes, the caret stays, one Ctrl+Z restores exactly
// the text before, typing on keeps the underlines right), and Ignore sticks. Nothing here hard-codes what the model flags: the host is asked first.
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

/** The underlines drawn in a page or frame, in page coordinates (`offset`: where the frame's viewport sits). */
export async function underlines(page, offset = { x: 0, y: 0 }) {
  return page.evaluate(({ x, y }) => {
    const root = document.querySelector('redline-overlay')?.shadowRoot;
    if (!root) return [];
    return [...root.querySelectorAll('.underline')].map((el) => {
      const r = el.getBoundingClientRect();
      return { start: +el.dataset.start, end: +el.dataset.end, category: el.dataset.category, left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y };
    });
  }, offset);
}

/**
 * Where the editor lives: the page itself, or (editor.frame, e.g. TinyMCE) an iframe, with the
 * offset of that frame's viewport in the page. Underlines, the badge and the card of a field in a
 * frame are drawn by the content script of that frame.
 */
async function where(page, editor) {
  if (!editor.frame) return { frame: page.mainFrame(), offset: { x: 0, y: 0 } };
  const iframe = page.locator(editor.frame);
  const frame = await (await iframe.elementHandle()).contentFrame();
  const offset = await iframe.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + el.clientLeft, y: r.top + el.clientTop };
  });
  return { frame, offset };
}

/** Open the editor's page and wait for the editor to be ready (window.model, where the page has one). */
async function open(page, server, editor) {
  await page.goto(server.url + editor.path);
  if (editor.ready) await page.waitForFunction(editor.ready);
  return where(page, editor);
}

export async function badgeState(page) {
  return page.evaluate(() => document.querySelector('redline-overlay')?.shadowRoot?.querySelector('.badge')?.dataset.state ?? null);
}

const spans = (list) => [...new Set(list.map((u) => `${u.start}-${u.end}`))].sort();
const drawn = (at) => underlines(at.frame, at.offset);

/** Wait until the underlines are exactly the given suggestions (all visible ones). */
async function expectUnderlinesFor(at, suggestions) {
  await expect.poll(async () => spans(await drawn(at)), { timeout: 90000 }).toEqual(spans(suggestions));
}

/** The boxes (page coordinates) of model text [start, end), found by the test itself. */
async function wordBoxes(at, editor, text, s) {
  // Which occurrence of the span's text this is, counted in the model text.
  let nth = 0;
  for (let i = text.indexOf(s.text); i >= 0 && i < s.start; i = text.indexOf(s.text, i + 1)) nth++;
  const boxes = await at.frame.evaluate(
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
  const { x, y } = at.offset;
  return boxes.map((r) => ({ left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y }));
}

/** The underline of `s` covers exactly its word: same left, right, top and bottom (±1.5 px). */
async function expectAligned(at, editor, text, s) {
  const lines = (await drawn(at)).filter((u) => u.start === s.start && u.end === s.end);
  expect(lines.length, `an underline for “${s.text}”`).toBeGreaterThan(0);
  if (editor.kind === 'textarea') {
    // No DOM Range reaches inside a textarea: ask the browser which character is under the underline.
    for (const u of lines) {
      const y = (u.top + u.bottom) / 2;
      const pos = (x) => at.frame.evaluate(([x, y]) => document.caretPositionFromPoint(x, y)?.offset ?? null, [x - at.offset.x, y - at.offset.y]);
      expect(await pos(u.left + 1), 'left edge of the underline').toBe(s.start);
      expect(await pos(u.right - 1), 'right edge of the underline').toBe(s.end);
    }
    return;
  }
  const boxes = await wordBoxes(at, editor, text, s);
  expect(boxes.length).toBe(lines.length);
  lines.sort((a, b) => a.top - b.top);
  boxes.sort((a, b) => a.top - b.top);
  lines.forEach((u, i) => {
    for (const side of ['left', 'right', 'top', 'bottom']) expect(Math.abs(u[side] - boxes[i][side]), side).toBeLessThanOrEqual(1.5);
  });
}

async function hoverUnderline(page, at, s) {
  const u = (await drawn(at)).find((x) => x.start === s.start && x.end === s.end);
  await page.mouse.move(u.left + (u.right - u.left) / 2, u.top + (u.bottom - u.top) / 2, { steps: 3 });
  const card = at.frame.locator('redline-overlay .card');
  await expect(card).toBeVisible();
  return card;
}

async function typeInto(page, at, editor, text) {
  await at.frame.click(editor.field);
  await page.keyboard.type(text);
}

/**
 * The suite for one editor: {name, kind, path, field, modelText(page)?, caret(page)?, ready?, frame?,
 * scroller?, textRoot?, full?} (the readers default to the page's window.model). `full: false` runs only the accept test (underline, accept, the
 * editor's model, one undo, typing on), which is what every editor must pass; the Ignore and
 * scrolling tests do not depend on the editor beyond what the accept test covers.
 */
export function editorSuite(config) {
  // Pages that expose the editor's model as window.model ({text(), caret()}, pages/*.entry.js) need no readers of their own.
  const byModel = {
    ready: () => window.model,
    modelText: (page) => page.evaluate(() => window.model.text()),
    caret: (page) => page.evaluate(() => window.model.caret()),
  };
  const editor = config.modelText ? config : { ...byModel, ...config };
  test.describe(editor.name, () => {
    test('underlines the host’s suggestions; accepting edits through the editor, keeps the caret, and undoes', async ({ page, server, oracle }) => {
      const pick = await pickText(oracle);
      test.skip(!pick, NO_SUGGESTIONS);
      const { text, suggestions, target } = pick;
      const at = await open(page, server, editor);
      await typeInto(page, at, editor, text);
      await expect.poll(() => editor.modelText(page)).toBe(text);
      await expectUnderlinesFor(at, suggestions);
      await expect.poll(() => badgeState(at.frame)).toBe('issues');
      for (const s of suggestions) if (s.end > s.start) await expectAligned(at, editor, text, s);

      const caretBefore = await editor.caret(page);
      expect(caretBefore).toBe(text.length);
      const card = await hoverUnderline(page, at, target);
      await expect(card.getByRole('button', { name: 'Ignore' })).toBeVisible();
      await expect(card.getByRole('button', { name: 'Turn off on this site' })).toBeVisible();
      for (const r of target.replacements) await expect(card.getByRole('button', { name: replacementLabel(target, r), exact: true })).toBeVisible();
      if (target.message) await expect(card).toContainText(target.message);
      await mkdir(SCREENSHOTS, { recursive: true });
      const field = await at.frame.locator(editor.field).boundingBox();
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
      // The editor's own model (read through its API) has the change, and the card did not report a failure.
      await expect.poll(() => editor.modelText(page)).toBe(fixed);
      await expect.poll(() => editor.caret(page)).toBe(mapPosition(caretBefore, target.start, target.end, replacement.length));
      await expect(card).toBeHidden();
      await expect.poll(async () => (await drawn(at)).some((u) => u.start === target.start && u.end === target.end && u.category === target.category)).toBe(false);

      // One undo restores exactly the text before the accept: not less (the user's typing stays), not more.
      await page.keyboard.press('Control+z');
      await expect.poll(() => editor.modelText(page)).toBe(text);
      await page.waitForTimeout(300);
      expect(await editor.modelText(page), 'still the text before the accept').toBe(text);
      // Back to the original text: its suggestions come back from the cache.
      await expectUnderlinesFor(at, suggestions);

      // Typing on at the end: the model takes it, and the underlines are the host's for the new text.
      const more = ' Thanks for your help.';
      await page.keyboard.press('Control+End');
      await page.keyboard.type(more);
      const full = text + more;
      await expect.poll(() => editor.modelText(page)).toBe(full);
      const now = normalizeSuggestions(full, await oracle.check(full));
      await expectUnderlinesFor(at, now);
      for (const s of now) if (s.end > s.start) await expectAligned(at, editor, full, s);
    });

    test('removing a doubled word goes through the editor and one undo brings it back', async ({ page, server, oracle }) => {
      const text = 'We went to the the park yesterday.';
      const suggestions = normalizeSuggestions(text, await oracle.check(text));
      const target = suggestions.find((s) => s.replacements.includes('') && s.end > s.start);
      test.skip(!target, 'the host suggests no removal in the doubled-word text with the current model');
      const at = await open(page, server, editor);
      await typeInto(page, at, editor, text);
      await expect.poll(() => editor.modelText(page)).toBe(text);
      await expectUnderlinesFor(at, suggestions);
      const card = await hoverUnderline(page, at, target);
      await page.waitForTimeout(1200);
      await card.getByRole('button', { name: replacementLabel(target, ''), exact: true }).click();
      await expect.poll(() => editor.modelText(page)).toBe(replaceSpan(text, target.start, target.end, ''));
      await expect(card).toBeHidden();
      await page.keyboard.press('Control+z');
      await expect.poll(() => editor.modelText(page)).toBe(text);
    });

    if (editor.full === false) return;

    test('Ignore removes the underline and it stays gone after more typing', async ({ page, server, oracle }) => {
      const pick = await pickText(oracle);
      test.skip(!pick, NO_SUGGESTIONS);
      const { text, suggestions, target } = pick;
      const at = await open(page, server, editor);
      await typeInto(page, at, editor, text);
      await expectUnderlinesFor(at, suggestions);
      const card = await hoverUnderline(page, at, target);
      await card.getByRole('button', { name: 'Ignore' }).click();
      const rest = suggestions.filter((s) => s !== target);
      await expectUnderlinesFor(at, rest);

      const more = ' Thanks for your help.';
      await page.keyboard.type(more);
      const full = text + more;
      const after = normalizeSuggestions(full, await oracle.check(full)).filter((s) => !(s.start === target.start && s.end === target.end && s.text === target.text));
      await expectUnderlinesFor(at, after);
      await expect.poll(() => badgeState(at.frame)).not.toBe('checking');
      expect((await drawn(at)).some((u) => u.start === target.start && u.end === target.end)).toBe(false);
    });

    test('underlines stay on their words when the field scrolls', async ({ page, server, oracle }) => {
      const lines = ['Line one is short.', 'Line two is short.', 'Line three is short.', 'Line four is short.', 'Line five is short.', 'Line six is short.', 'Line seven is short.'];
      const prefix = lines.join('\n') + '\n';
      const pick = await pickText(oracle, prefix);
      test.skip(!pick, NO_SUGGESTIONS);
      const { text, target } = pick;
      const at = await open(page, server, editor);
      await at.frame.click(editor.field);
      for (const line of lines) {
        await page.keyboard.type(line);
        await page.keyboard.press('Enter');
      }
      await page.keyboard.type(text.slice(prefix.length));
      await expect.poll(() => editor.modelText(page)).toBe(text);
      const scroller = at.frame.locator(editor.scroller ?? editor.field);
      expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 20), 'the field scrolls').toBe(true);
      await expect
        .poll(async () => (await drawn(at)).filter((u) => u.start === target.start && u.end === target.end).length, {
          timeout: 90000,
          message: `an underline on “${target.text}” at ${target.start}`,
        })
        .toBeGreaterThan(0)
        .catch(async (e) => {
          console.log(JSON.stringify({ target, underlines: await drawn(at), badge: await badgeState(at.frame) }));
          throw e;
        });
      await expectAligned(at, editor, text, target);

      const box = await scroller.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (const dy of [-30, -30]) {
        await page.mouse.wheel(0, dy);
        await page.waitForTimeout(250);
        const visible = await scroller.evaluate((el) => el.scrollTop + el.clientHeight < el.scrollHeight - 1);
        expect(visible).toBe(true);
        const shown = (await drawn(at)).some((u) => u.start === target.start && u.end === target.end);
        const wordInView = await wordBoxesOrMirror(at, editor, text, target, box);
        if (wordInView) await expectAligned(at, editor, text, target);
        else expect(shown, 'no underline for a word scrolled out of view').toBe(false);
      }
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await page.waitForTimeout(250);
      expect((await drawn(at)).some((u) => u.start === target.start && u.end === target.end), 'scrolled out of view').toBe(false);
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(250);
      await expectAligned(at, editor, text, target);
    });
  });
}

/** Is the target word inside the visible part of the scroller? */
async function wordBoxesOrMirror(at, editor, text, s, box) {
  if (editor.kind === 'textarea') {
    const u = (await drawn(at)).find((x) => x.start === s.start && x.end === s.end);
    return Boolean(u);
  }
  const boxes = await wordBoxes(at, editor, text, s);
  return boxes.some((b) => b.top >= box.y - 0.5 && b.bottom <= box.y + box.height + 0.5);
}
