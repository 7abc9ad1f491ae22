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

/**
 * Pick the region of `text` to send: from the first to the last sentence that is
 * neither cached nor already pending. Sentences in between that are cached are
 * sent again for context (the host caches them too). The region is cut to
 * `maxChars` at a sentence end; the rest waits for the next round.
 * Returns null when nothing needs checking, else {start, end, text, sentences}.
 */
export function planCheck(text, cache, pending = new Set(), maxChars = Infinity) {
  const sentences = splitSentences(text);
  const needed = sentences.filter((s) => !cache.has(s.text) && !pending.has(s.text));
  if (needed.length === 0) return null;
  const first = needed[0];
  let last = first;
  for (const s of needed) {
    if (s.end - first.start > maxChars) break;
    last = s;
  }
  const start = first.start;
  const end = Math.min(last.end, start + maxChars);
  const inRegion = sentences.filter((s) => s.start >= start && s.end <= end);
  return { start, end, text: text.slice(start, end), sentences: inRegion.map((s) => ({ ...s, start: s.start - start, end: s.end - start })) };
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
