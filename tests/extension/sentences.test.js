import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { splitSentences } from '../../extension/shared/sentences.js';

const shared = JSON.parse(readFileSync(new URL('../fixtures/sentences.json', import.meta.url), 'utf8'));

const texts = (t) => splitSentences(t).map((s) => s.text);

test('splits on terminal punctuation followed by a capital', () => {
  assert.deepEqual(texts('He go home. She are here! Why not?'), ['He go home.', 'She are here!', 'Why not?']);
});

test('offsets point at the exact text', () => {
  const t = '  First one.   Second one.\n\nThird';
  for (const s of splitSentences(t)) assert.equal(t.slice(s.start, s.end), s.text);
  assert.deepEqual(texts(t), ['First one.', 'Second one.', 'Third']);
});

test('keeps abbreviations, initials and lower-case continuations together', () => {
  assert.deepEqual(texts('Dr. Smith met J. Doe. It was e.g. fine.'), ['Dr. Smith met J. Doe.', 'It was e.g. fine.']);
  assert.deepEqual(texts('Wait... and then.'), ['Wait... and then.']);
});

test('line breaks always end a sentence', () => {
  assert.deepEqual(texts('Dear Ann,\nthanks for the note'), ['Dear Ann,', 'thanks for the note']);
});

test('closing quotes stay with their sentence; emoji offsets are UTF-16', () => {
  const t = 'He said “go.” Then 😀 left. Ok';
  assert.deepEqual(texts(t), ['He said “go.”', 'Then 😀 left.', 'Ok']);
  const s = splitSentences(t)[1];
  assert.equal(t.slice(s.start, s.end), 'Then 😀 left.');
});

test('empty and blank text has no sentences', () => {
  assert.deepEqual(splitSentences(''), []);
  assert.deepEqual(splitSentences(' \n \n'), []);
});

test('the cases the host splitter is tested on too (tests/fixtures/sentences.json)', () => {
  for (const c of shared.cases) assert.deepEqual(texts(c.text), c.sentences, c.text);
});
