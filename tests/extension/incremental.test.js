import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SentenceCache, planCheck, absorbResult, absorbPartial, suggestionsFor } from '../../extension/shared/incremental.js';

const sug = (text, word, replacement, from = 0) => {
  const start = text.indexOf(word, from);
  return { start, end: start + word.length, text: word, replacements: [replacement], category: 'grammar', message: '' };
};

test('first check sends everything; a clean text needs nothing more', () => {
  const cache = new SentenceCache();
  const text = 'He go home. She is here.';
  const plan = planCheck(text, cache);
  assert.equal(plan.text, text);
  assert.equal(plan.start, 0);
  absorbResult(cache, plan.sentences, [sug(plan.text, 'go', 'goes')]);
  assert.equal(planCheck(text, cache), null);
  const { suggestions, complete } = suggestionsFor(text, cache);
  assert.ok(complete);
  assert.deepEqual(suggestions.map((s) => [s.start, s.end, s.text]), [[3, 5, 'go']]);
});

test('editing one sentence sends only that sentence, and offsets map back', () => {
  const cache = new SentenceCache();
  const v1 = 'He go home. She is here. They was late.';
  let plan = planCheck(v1, cache);
  absorbResult(cache, plan.sentences, [sug(v1, 'go', 'goes'), sug(v1, 'was', 'were')]);

  const v2 = 'He go home. She are here. They was late.';
  plan = planCheck(v2, cache);
  assert.equal(plan.text, 'She are here.');
  assert.equal(plan.start, v2.indexOf('She'));
  absorbResult(cache, plan.sentences, [sug(plan.text, 'are', 'is')]);

  const { suggestions, complete } = suggestionsFor(v2, cache);
  assert.ok(complete);
  assert.deepEqual(suggestions.map((s) => v2.slice(s.start, s.end)), ['go', 'are', 'was']);
  assert.deepEqual(suggestions.map((s) => s.start), [3, v2.indexOf('are'), v2.indexOf('was')]);
});

test('typing before a sentence shifts its suggestions without a new check', () => {
  const cache = new SentenceCache();
  const v1 = 'He go home.';
  const plan = planCheck(v1, cache);
  absorbResult(cache, plan.sentences, [sug(v1, 'go', 'goes')]);
  const v2 = 'Hello there. He go home.';
  const again = planCheck(v2, cache);
  assert.equal(again.text, 'Hello there.');
  const { suggestions, complete } = suggestionsFor(v2, cache);
  assert.equal(complete, false); // "Hello there." not answered yet
  assert.equal(v2.slice(suggestions[0].start, suggestions[0].end), 'go');
});

test('the region spans from the first to the last changed sentence', () => {
  const cache = new SentenceCache();
  const v1 = 'A one. B two. C three.';
  absorbResult(cache, planCheck(v1, cache).sentences, []);
  const v2 = 'A uno. B two. C tres.';
  const plan = planCheck(v2, cache);
  assert.equal(plan.text, 'A uno. B two. C tres.');
  assert.deepEqual(plan.sentences.map((s) => s.text), ['A uno.', 'B two.', 'C tres.']);
});

test('pending sentences are not sent twice', () => {
  const cache = new SentenceCache();
  const text = 'One here. Two here.';
  const first = planCheck(text, cache);
  const pending = new Set(first.sentences.map((s) => s.text));
  assert.equal(planCheck(text, cache, pending), null);
});

test('a stale answer for text that changed meanwhile never shows', () => {
  const cache = new SentenceCache();
  const sent = 'He go home.';
  const plan = planCheck(sent, cache);
  // The user edits before the answer arrives.
  const now = 'He goes home.';
  absorbResult(cache, plan.sentences, [sug(sent, 'go', 'goes')]);
  const { suggestions, complete } = suggestionsFor(now, cache);
  assert.deepEqual(suggestions, []);
  assert.equal(complete, false);
});

test('a cached suggestion whose span reads differently is dropped', () => {
  const cache = new SentenceCache();
  cache.set('He go home.', [{ start: 3, end: 5, text: 'xx', replacements: ['y'], category: 'grammar', message: '' }]);
  assert.deepEqual(suggestionsFor('He go home.', cache).suggestions, []);
});

test('maxChars cuts the region at a sentence end', () => {
  const cache = new SentenceCache();
  const text = 'Aaaa aaaa. Bbbb bbbb. Cccc cccc.';
  const plan = planCheck(text, cache, new Set(), 22);
  assert.equal(plan.text, 'Aaaa aaaa. Bbbb bbbb.');
  absorbResult(cache, plan.sentences, []);
  assert.equal(planCheck(text, cache, new Set(), 22).text, 'Cccc cccc.');
});

test('suggestions between sentences go to the sentence before', () => {
  const cache = new SentenceCache();
  const text = 'One.  Two.';
  const plan = planCheck(text, cache);
  absorbResult(cache, plan.sentences, [{ start: 4, end: 6, text: '  ', replacements: [' '], category: 'style', message: '' }]);
  const { suggestions } = suggestionsFor(text, cache);
  assert.deepEqual(suggestions.map((s) => [s.start, s.end]), [[4, 6]]);
});

test('the cache is bounded and keeps recently used sentences', () => {
  const cache = new SentenceCache(2);
  cache.set('a', []);
  cache.set('b', []);
  cache.get('a');
  cache.set('c', []);
  assert.ok(cache.has('a') && cache.has('c') && !cache.has('b'));
});

// --- long documents ---
const para = (n, words = 8) => Array.from({ length: 3 }, (_, k) => `Paragraph ${n} sentence ${k} has ${'some '.repeat(words)}words.`).join(' ');
const doc = (count) => Array.from({ length: count }, (_, i) => para(i)).join('\n');

test('a long document goes by whole paragraphs, about chunkChars at a time, until every sentence is answered', () => {
  const cache = new SentenceCache();
  const text = doc(40);
  const seen = [];
  for (let plan = planCheck(text, cache, new Set(), 20000, { chunkChars: 600 }); plan; plan = planCheck(text, cache, new Set(), 20000, { chunkChars: 600 })) {
    assert.ok(plan.text.length <= 600 || !plan.text.includes('\n'), 'a chunk is one paragraph or fits chunkChars');
    assert.ok(plan.start === 0 || text[plan.start - 1] === '\n', 'starts at a paragraph');
    assert.ok(plan.end === text.length || text[plan.end] === '\n', 'ends at a paragraph');
    seen.push(plan.text);
    absorbResult(cache, plan.sentences, []);
  }
  assert.ok(seen.length > 1);
  assert.equal(seen.join('\n'), text, 'every paragraph once, in order');
  assert.ok(suggestionsFor(text, cache).complete);
});

test('what is in focus goes first: the paragraph being typed, then what is in view, then the rest in order', () => {
  const cache = new SentenceCache();
  const text = doc(30);
  const lines = text.split('\n');
  const at = (i) => text.indexOf(lines[i]);
  const typing = { start: at(20), end: at(20) + lines[20].length };
  const view = { start: at(10), end: at(13) + lines[13].length };
  let plan = planCheck(text, cache, new Set(), 20000, { focus: [typing, view] });
  assert.equal(plan.text, lines[20]);
  absorbResult(cache, plan.sentences, []);
  plan = planCheck(text, cache, new Set(), 20000, { focus: [typing, view] });
  assert.equal(plan.text, lines.slice(10, 14).join('\n'));
  absorbResult(cache, plan.sentences, []);
  plan = planCheck(text, cache, new Set(), 20000, { focus: [typing, view] });
  assert.equal(plan.start, 0, 'then the background, from the top');
});

test('no request exceeds maxChars, and nothing is left unchecked: a paragraph longer than it is cut at a sentence end', () => {
  const cache = new SentenceCache();
  const long = Array.from({ length: 60 }, (_, k) => `Sentence ${k} of the long paragraph is here.`).join(' ');
  const text = `${para(1)}\n${long}\n${para(2)}`;
  const max = 500;
  let rounds = 0;
  for (let plan = planCheck(text, cache, new Set(), max); plan; plan = planCheck(text, cache, new Set(), max)) {
    assert.ok(plan.text.length <= max, `${plan.text.length} <= ${max}`);
    assert.ok(plan.sentences.length > 0);
    absorbResult(cache, plan.sentences, []);
    assert.ok(++rounds < 100);
  }
  assert.ok(suggestionsFor(text, cache).complete);
});

test('a sentence longer than maxChars is reported as too long instead of being asked about forever', () => {
  const cache = new SentenceCache();
  const huge = `This ${'very '.repeat(200)}long sentence never ends.`;
  const plan = planCheck(`Short one here. ${huge}`, cache, new Set(), 300);
  assert.equal(plan.text, 'Short one here.');
  assert.deepEqual(plan.tooLong.map((s) => s.text), [huge]);
});

// --- a host that streams (PROTOCOL.md, "Partial results") ---

test('with a host that streams, one request carries the whole text and the focus goes as `first`', () => {
  const cache = new SentenceCache();
  const text = doc(30);
  const lines = text.split('\n');
  const at = (i) => text.indexOf(lines[i]);
  const typing = { start: at(20) + 5, end: at(20) + 5 };
  const view = { start: at(10), end: at(13) + lines[13].length };
  const plan = planCheck(text, cache, new Set(), 20000, { focus: [typing, view], stream: true });
  assert.equal(plan.text, text);
  assert.deepEqual(plan.first, [[typing.start, typing.end], [view.start, view.end]]);
  // Longer than one request: it starts at the focus when the focus would not fit from the top.
  const small = planCheck(text, new SentenceCache(), new Set(), 3000, { focus: [view], stream: true });
  assert.equal(small.start, at(10));
  assert.ok(small.text.length <= 3000 && small.text.length > lines[10].length);
  assert.deepEqual(small.first[0], [0, view.end - at(10)]);
  // Without stream, nothing changes: the focus alone, no `first`.
  const old = planCheck(text, cache, new Set(), 20000, { focus: [typing, view] });
  assert.equal(old.text, lines[20]);
  assert.deepEqual(old.first, []);
});

test('each partial answers its sentences as it comes; the final result replaces them with the same', () => {
  const cache = new SentenceCache();
  const text = 'He go home. She is here.\nThey was late.\nAll is fine.';
  const plan = planCheck(text, cache, new Set(), 20000, { stream: true });
  const was = sug(text, 'was', 'were');
  const second = { start: text.indexOf('They'), end: text.indexOf('All') };
  absorbPartial(cache, plan.sentences, { ...second, suggestions: [was] });
  let shown = suggestionsFor(text, cache);
  assert.equal(shown.complete, false, 'the other paragraphs are still being checked');
  assert.deepEqual(shown.suggestions.map((s) => s.text), ['was']);
  // The text changed meanwhile (a word typed before it): the answer moves with its sentence.
  const edited = `Oh. ${text}`;
  assert.deepEqual(suggestionsFor(edited, cache).suggestions.map((s) => [s.start, s.text]), [[was.start + 4, 'was']]);
  absorbPartial(cache, plan.sentences, { start: 0, end: second.start, suggestions: [sug(text, 'go', 'goes')] });
  absorbPartial(cache, plan.sentences, { start: second.end, end: text.length, suggestions: [] });
  shown = suggestionsFor(text, cache);
  assert.ok(shown.complete);
  assert.deepEqual(shown.suggestions.map((s) => s.text), ['go', 'was']);
  absorbResult(cache, plan.sentences, [sug(text, 'go', 'goes'), was]);
  assert.deepEqual(suggestionsFor(text, cache), shown);
});
