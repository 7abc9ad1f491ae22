import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapPosition, replaceSpan, shiftSuggestions, correctedText } from '../../extension/shared/edits.js';
import { visibleSuggestions, ignoreEntry, ignoreKey, isSingleWord } from '../../extension/shared/filters.js';
import { normalizeSettings } from '../../extension/shared/settings.js';
import { normalizeSuggestions } from '../../extension/shared/protocol.js';

const s = (start, end, text, replacements, category = 'grammar') => ({ start, end, text, replacements, category, message: '' });

test('the caret keeps its place around an edit', () => {
  // "He go to school" -> "He goes to school"
  assert.equal(mapPosition(1, 3, 5, 4), 1); // before
  assert.equal(mapPosition(3, 3, 5, 4), 3); // at the start
  assert.equal(mapPosition(4, 3, 5, 4), 7); // inside: end of the replacement
  assert.equal(mapPosition(5, 3, 5, 4), 7); // at the end
  assert.equal(mapPosition(15, 3, 5, 4), 17); // after: shifted
});

test('replaceSpan and correctedText', () => {
  const text = 'He go to school yesterday and buy a apple.';
  assert.equal(replaceSpan(text, 3, 5, 'went'), 'He went to school yesterday and buy a apple.');
  const sugs = [s(3, 5, 'go', ['went']), s(30, 33, 'buy', ['bought']), s(34, 35, 'a', ['an']), s(34, 40, 'a appl', ['x'])];
  assert.equal(correctedText(text, sugs), 'He went to school yesterday and bought an apple.');
});

test('shiftSuggestions moves later ones and drops touched ones', () => {
  const sugs = [s(0, 2, 'He', ['She']), s(3, 5, 'go', ['goes']), s(9, 15, 'school', ['schools'])];
  const out = shiftSuggestions(sugs, 3, 5, 4);
  assert.deepEqual(out.map((x) => [x.start, x.end]), [[0, 2], [11, 17]]);
});

test('categories, dictionary and ignores filter suggestions', () => {
  const text = 'Teh cat go to Redlinez.';
  const sugs = [s(0, 3, 'Teh', ['The'], 'spelling'), s(8, 10, 'go', ['goes']), s(14, 22, 'Redlinez', ['Redlines'], 'spelling')];
  const settings = normalizeSettings({ dictionary: ['redlinez'] });
  assert.deepEqual(visibleSuggestions(text, sugs, settings).map((x) => x.text), ['Teh', 'go']);
  const off = normalizeSettings({ categories: { spelling: false } });
  assert.deepEqual(visibleSuggestions(text, sugs, off).map((x) => x.text), ['go']);
  const ignored = normalizeSettings({ ignored: [ignoreEntry(text, sugs[1])] });
  assert.deepEqual(visibleSuggestions(text, sugs, ignored).map((x) => x.text), ['Teh', 'Redlinez']);
});

test('an ignore survives typing elsewhere in the sentence', () => {
  const a = 'The cat go to school';
  const b = 'Yes. The cat go to school and more words';
  const ka = ignoreKey(a, s(8, 10, 'go', ['goes']));
  const kb = ignoreKey(b, s(13, 15, 'go', ['goes']));
  assert.equal(ka, kb);
  assert.notEqual(ka, ignoreKey('The dog go', s(8, 10, 'go', ['goes'])));
});

test('isSingleWord', () => {
  assert.ok(isSingleWord("don't"));
  assert.ok(!isSingleWord('a apple'));
});

test('settings are normalized', () => {
  const st = normalizeSettings({ transport: 'bogus', wsPort: 'x', disabledSites: ['Example.COM', 'example.com', 3] });
  assert.equal(st.transport, 'native');
  assert.equal(st.wsPort, 8734);
  assert.deepEqual(st.disabledSites, ['example.com']);
  assert.equal(st.categories.grammar, true);
});

test('host suggestions are validated against the sent text', () => {
  const text = 'He go 😀 home';
  const out = normalizeSuggestions(text, [
    { start: 3, end: 5, text: 'go', replacements: ['goes'], category: 'grammar', message: 'm' },
    { start: 6, end: 8, text: '😀', replacements: [''], category: 'weird' },
    { start: 3, end: 5, text: 'xx', replacements: ['y'] }, // text does not match
    { start: 9, end: 99, replacements: ['y'] }, // out of range
    { start: 2.5, end: 3, replacements: ['y'] },
    { start: 9, end: 13, text: 'home', replacements: ['home'] }, // no real change: no replacement left, kept as a note
  ]);
  assert.deepEqual(out.map((x) => [x.start, x.end, x.category]), [[3, 5, 'grammar'], [6, 8, 'grammar'], [9, 13, 'grammar']]);
  assert.deepEqual(out[2].replacements, []);
});

test('the sensitivity setting hides suggestions less sure than it asks', async () => {
  const { visibleSuggestions } = await import('../../extension/shared/filters.js');
  const { normalizeSettings } = await import('../../extension/shared/settings.js');
  const text = 'a b c';
  const found = ['sure', 'balanced', 'thorough'].map((level, i) => ({
    start: 2 * i, end: 2 * i + 1, text: text[2 * i], replacements: ['x'], category: 'grammar', message: '', level,
  }));
  const shown = (sensitivity) => visibleSuggestions(text, found, normalizeSettings({ sensitivity })).map((s) => s.level);
  assert.deepEqual(shown('sure'), ['sure']);
  assert.deepEqual(shown('balanced'), ['sure', 'balanced']);
  assert.deepEqual(shown('thorough'), ['sure', 'balanced', 'thorough']);
  assert.deepEqual(shown('nonsense'), ['sure', 'balanced']); // normalised to the default
});
