// Incremental checking: only sentences whose exact text has not been checked
// are sent; answers are stored per sentence text, so an answer for text that has
// since changed is simply never looked up again (stale answers drop out).

import { splitSentences } from './sentences.js';

/** A bounded map from a sentence's exact text to its suggestions (offsets relative to the sentence). */
export class SentenceCache {
  constructor(limit = 2000) {
    this.limit = limit;
    this.map = new Map();
  }

  has(sentence) {
    return this.map.has(sentence);
  }

  get(sentence) {
    const value = this.map.get(sentence);
    if (value !== undefined) {
      this.map.delete(sentence); // refresh recency
      this.map.set(sentence, value);
    }
    return value;
  }

  set(sentence, suggestions) {
    this.map.delete(sentence);
    this.map.set(sentence, suggestions);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value);
  }

  clear() {
    this.map.clear();
  }
}

/** How much of a long text one background request carries: about a second of the host's work. */
export const CHUNK_CHARS = 1500;

/** The paragraphs (lines) of `text`: [{start, end}], empty ones left out. */
export function paragraphsOf(text) {
  const out = [];
  const lines = /[^\n]+/g;
  let m;
  while ((m = lines.exec(text)) !== null) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Pick the region of `text` to send: sentences that are neither cached nor
 * already pending, taken by whole paragraphs.
 *  - `focus` ([{start, end}], most urgent first: the paragraph being typed, what is in view):
 *    the first of these ranges with unchecked sentences is sent on its own, so what the
 *    person looks at is answered first;
 *  - otherwise the first unchecked paragraphs, together up to `chunkChars` (at least one
 *    paragraph), the rest of a long document following request by request.
 *  - `stream` (the host answers a paragraph at a time, PROTOCOL.md "Partial results"): one
 *    request carries as much as `maxChars` allows, from the first unchecked paragraph (or from
 *    the focus, if it lies beyond that), and `first` says which ranges of it the host should
 *    check first: the focus, relative to the region.
 * The region runs from its first to its last unchecked sentence; cached sentences in between
 * are sent again for context (the host caches them too). It never exceeds `maxChars`: it is
 * cut at a paragraph end, or inside one paragraph longer than that at a sentence end, and
 * what is cut off comes in the next request. A single sentence longer than `maxChars` can
 * never be checked: it is returned in `tooLong` (the caller stops asking about it).
 * Returns null when nothing needs checking, else {start, end, text, sentences, tooLong, first}.
 */
export function planCheck(text, cache, pending = new Set(), maxChars = Infinity, { focus = [], chunkChars = CHUNK_CHARS, stream = false } = {}) {
  const sentences = splitSentences(text);
  const unchecked = (s) => !cache.has(s.text) && !pending.has(s.text);
  const tooLong = sentences.filter((s) => unchecked(s) && s.end - s.start > maxChars);
  const needed = sentences.filter((s) => unchecked(s) && s.end - s.start <= maxChars);
  if (needed.length === 0) return tooLong.length ? { start: 0, end: 0, text: '', sentences: [], tooLong } : null;
  const paragraphs = paragraphsOf(text);
  const paragraphOf = (s) => paragraphs.find((p) => p.start <= s.start && s.end <= p.end);

  // The paragraphs to take from: those of the first focus range with unchecked sentences, else a chunk.
  let focused = null;
  for (const f of focus) {
    const inside = paragraphs.filter((p) => p.end > f.start && p.start < f.end);
    if (needed.some((s) => inside.includes(paragraphOf(s)))) {
      focused = inside.filter((p) => needed.some((s) => paragraphOf(s) === p));
      break;
    }
  }
  const reach = stream ? maxChars : chunkChars;
  const chunkFrom = (first) => paragraphs.filter((p) => p.start >= first.start && (p === first || p.end - first.start <= reach));
  let chosen = focused && !stream ? focused : chunkFrom(paragraphOf(needed[0]));
  if (focused && !focused.every((p) => chosen.includes(p))) chosen = chunkFrom(focused[0]);
  const from = needed.filter((s) => chosen.includes(paragraphOf(s)));

  // Cut to maxChars: at the last paragraph end that fits, else (one long paragraph) at a sentence end.
  const start = from[0].start;
  let last = from[0];
  let lastWholeParagraph = null;
  for (const s of from) {
    if (s.end - start > maxChars) break;
    last = s;
    const p = paragraphOf(s);
    if (!from.some((x) => x.start > s.start && paragraphOf(x) === p)) lastWholeParagraph = s;
  }
  if (last !== from[from.length - 1] && lastWholeParagraph && paragraphOf(lastWholeParagraph) !== paragraphOf(from[0])) last = lastWholeParagraph;
  const end = last.end;
  const inRegion = sentences.filter((s) => s.start >= start && s.end <= end);
  // The focus, as ranges of the region (a caret is an empty range).
  const first = stream
    ? focus.filter((f) => f.start <= end && f.end >= start).map((f) => [Math.max(f.start, start) - start, Math.min(f.end, end) - start])
    : [];
  return {
    start,
    end,
    text: text.slice(start, end),
    sentences: inRegion.map((s) => ({ ...s, start: s.start - start, end: s.end - start })),
    tooLong,
    first,
  };
}

/**
 * Store one paragraph of a streamed answer (a `partial`: {start, end, suggestions}, offsets
 * relative to the region): the region's sentences inside [start, end) are answered, as
 * absorbResult does for the whole region; the final result overwrites them with the same.
 */
export function absorbPartial(cache, sentences, { start, end, suggestions }) {
  absorbResult(cache, sentences.filter((s) => start <= s.start && s.end <= end), suggestions);
}

/**
 * Store the host's answer for a region. Each suggestion goes to the sentence
 * that contains its start (or the last sentence starting before it), with
 * offsets relative to that sentence. Sentences without suggestions are stored
 * as clean. `sentences` are the region's sentences, offsets relative to the region.
 */
export function absorbResult(cache, sentences, suggestions) {
  const buckets = sentences.map(() => []);
  if (sentences.length === 0) return;
  for (const s of suggestions) {
    let idx = -1;
    for (let i = 0; i < sentences.length; i++) {
      if (sentences[i].start <= s.start) idx = i;
      else break;
    }
    if (idx < 0) idx = 0;
    const base = sentences[idx].start;
    buckets[idx].push({ ...s, start: s.start - base, end: s.end - base });
  }
  sentences.forEach((sentence, i) => cache.set(sentence.text, buckets[i]));
}

/**
 * The suggestions for the current text, from the cache, with absolute offsets.
 * A cached suggestion whose span no longer reads the same is dropped.
 * `complete` tells whether every sentence has an answer.
 */
export function suggestionsFor(text, cache) {
  const out = [];
  let complete = true;
  for (const sentence of splitSentences(text)) {
    const cached = cache.get(sentence.text);
    if (cached === undefined) {
      complete = false;
      continue;
    }
    for (const s of cached) {
      const start = sentence.start + s.start;
      const end = sentence.start + s.end;
      if (end > text.length || text.slice(start, end) !== s.text) continue;
      out.push({ ...s, start, end });
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return { suggestions: out, complete };
}
