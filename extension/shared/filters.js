// Which suggestions a person sees: those less sure than the sensitivity setting asks,
// categories switched off, words in the personal dictionary and ignored suggestions are
// filtered out here, after the host answers (so a changed setting needs no new check).

import { SENSITIVITIES } from './protocol.js';

/** The words just before `start`, lower-cased: the context an ignore is tied to. */
function wordBefore(text, start) {
  const m = /([\p{L}\p{N}'’]+)[^\p{L}\p{N}]*$/u.exec(text.slice(Math.max(0, start - 40), start));
  return m ? m[1].toLowerCase() : '';
}

/**
 * A stable key for "this suggestion here": the flagged text, the first replacement
 * and the word before it. Typing elsewhere does not change it, so an ignored
 * suggestion stays ignored.
 */
export function ignoreKey(text, s) {
  return [s.category, wordBefore(text, s.start), s.text, s.replacements[0] ?? ''].join('\u241f');
}

export function ignoreEntry(text, s) {
  return { key: ignoreKey(text, s), text: s.text, replacement: s.replacements[0] ?? '', at: Date.now() };
}

/** A single word (the personal dictionary only applies to those). */
export function isSingleWord(str) {
  return /^[\p{L}\p{N}'’-]+$/u.test(str);
}

export function visibleSuggestions(text, suggestions, settings) {
  const dictionary = new Set(settings.dictionary.map((w) => w.toLowerCase()));
  const ignored = new Set(settings.ignored.map((e) => e.key));
  const widest = SENSITIVITIES.indexOf(settings.sensitivity ?? 'balanced');
  return suggestions.filter((s) => {
    if (SENSITIVITIES.indexOf(s.level ?? 'sure') > widest) return false;
    if (settings.categories[s.category] === false) return false;
    if (isSingleWord(s.text) && dictionary.has(s.text.toLowerCase())) return false;
    return !ignored.has(ignoreKey(text, s));
  });
}
