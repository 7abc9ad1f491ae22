// Sentence spans with exact offsets (UTF-16 code units), the unit of incremental
// checking. The same rules as the host's splitter (native_host/sentences.py); both are
// tested on tests/fixtures/sentences.json. A wrong split only costs a re-check, never a
// wrong underline, because cached results are keyed by the sentence's exact text.

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'etc', 'e.g', 'i.e',
  'no', 'fig', 'al', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'dept', 'est', 'gen',
  'gov', 'lt', 'col', 'capt', 'sgt', 'rev', 'hon', 'u.s', 'u.k', 'a.m', 'p.m', 'ph.d',
  'cf', 'viz', 'vol', 'pp', 'ca', 'incl', 'resp', 'nos', 'govt', 'eds', 'bros', 'univ',
]);
// Ends a sentence even before a lower-case word ("i went home. then i ate"): one period
// or plain ! / ?; not an ellipsis ("wait... maybe") or a closing quote ('"Why?" he asked').
const PLAIN_END = /^(?:\.|[!?]+)$/;

const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s)/g;
const WORD_BEFORE = /([\p{L}\p{N}_.]+)$/u;

/** Split text into sentences: [{start, end, text}], trimmed, never across a line break. */
export function splitSentences(text) {
  const spans = [];
  const lines = /[^\n]+/g;
  let line;
  while ((line = lines.exec(text)) !== null) {
    splitLine(text, line.index, line.index + line[0].length, spans);
  }
  return spans;
}

function splitLine(text, from, to, spans) {
  const segment = text.slice(from, to);
  let pos = 0;
  BOUNDARY.lastIndex = 0;
  let m;
  while ((m = BOUNDARY.exec(segment)) !== null) {
    const cut = m.index + m[0].length;
    if (isAbbreviation(segment, m.index) || !nextStartsSentence(segment, cut, m[0])) continue;
    push(text, from + pos, from + cut, spans);
    pos = cut;
  }
  push(text, from + pos, to, spans);
}

function isAbbreviation(segment, dot) {
  if (segment[dot] !== '.') return false;
  const m = WORD_BEFORE.exec(segment.slice(0, dot));
  if (!m) return false;
  const word = m[1].toLowerCase().replace(/\.+$/, '');
  return ABBREVIATIONS.has(word) || (word.length === 1 && /\p{L}/u.test(word));
}

function nextStartsSentence(segment, cut, boundary) {
  let i = cut;
  while (i < segment.length && /\s/.test(segment[i])) i++;
  if (i >= segment.length) return true;
  const ch = segment[i];
  const lower = ch !== ch.toUpperCase() && ch === ch.toLowerCase();
  return !lower || PLAIN_END.test(boundary);
}

function push(text, a, b, spans) {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  if (a < b) spans.push({ start: a, end: b, text: text.slice(a, b) });
}
