// Text arithmetic for applying a suggestion: where the caret goes, what the text
// becomes. The editors do the real edit; these say what it must amount to.

/** The text after replacing [start, end) with `replacement`. */
export function replaceSpan(text, start, end, replacement) {
  return text.slice(0, start) + replacement + text.slice(end);
}

/**
 * Where a caret (or selection end) at `pos` lands after [start, end) becomes
 * `insertedLength` long: before the edit it stays, after it it shifts, inside
 * the replaced span it goes to the end of the replacement.
 */
export function mapPosition(pos, start, end, insertedLength) {
  if (pos <= start) return pos;
  if (pos >= end) return pos + insertedLength - (end - start);
  return start + insertedLength;
}

/** Shift suggestions after an edit, dropping those the edit touches. */
export function shiftSuggestions(suggestions, start, end, insertedLength) {
  const delta = insertedLength - (end - start);
  const out = [];
  for (const s of suggestions) {
    if (s.end <= start && !(s.end === start && s.start === start)) out.push(s);
    else if (s.start >= end && !(s.start === end && s.end === end && end > start)) out.push({ ...s, start: s.start + delta, end: s.end + delta });
  }
  return out;
}

/** The text with the first replacement of every non-overlapping suggestion applied. */
export function correctedText(text, suggestions) {
  const chosen = [];
  let lastEnd = -1;
  for (const s of [...suggestions].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (s.replacements.length === 0 || s.start < lastEnd) continue;
    chosen.push(s);
    lastEnd = s.end;
  }
  let out = text;
  for (const s of chosen.reverse()) out = replaceSpan(out, s.start, s.end, s.replacements[0]);
  return out;
}

/** The name of a replacement's button: the replacement itself, or "Remove “word”" for a deletion. */
export function replacementLabel(s, replacement) {
  return replacement === '' ? `Remove “${s.text.trim()}”` : replacement;
}
