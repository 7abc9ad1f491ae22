// The host protocol (native_host/PROTOCOL.md), written once. Every request the
// extension sends to the host and every reply it accepts is shaped here, and the
// messages between the extension's own pages and its service worker are named here.

export const PROTOCOL_VERSION = 2; // 2: partial results (PROTOCOL.md)
export const MAX_FIRST_RANGES = 8;
export const NATIVE_HOST_NAME = 'com.redline.host';
export const DEFAULT_WS_PORT = 8734;
export const DEFAULT_LANGUAGE = 'en-US';

export const CATEGORIES = ['spelling', 'grammar', 'punctuation', 'capitalization', 'word-choice', 'style'];
// How sure a suggestion must be to show (the host's confidence levels, most cautious first).
export const SENSITIVITIES = ['sure', 'balanced', 'thorough'];
export const SENSITIVITY_LABELS = {
  sure: 'Only sure fixes',
  balanced: 'Balanced (recommended)',
  thorough: 'Thorough: everything Redline finds',
};

export const CATEGORY_LABELS = {
  spelling: 'Spelling',
  grammar: 'Grammar',
  punctuation: 'Punctuation',
  capitalization: 'Capitalization',
  'word-choice': 'Word choice',
  style: 'Style',
};

/** Error codes the host may answer with, plus the ones the extension itself raises. */
export const ERROR_CODES = [
  'bad_request', 'too_large', 'unauthorized', 'busy', 'cancelled', 'superseded', 'unavailable', 'internal',
  'unsupported_language',
];

/** The fix shown to a person whose host is missing. */
export const INSTALL_HINT = 'Install the Redline host, then run `redline install` to register it with your browser.';

// --- extension-internal messages (content script / popup / options -> service worker) ---
export const MSG = Object.freeze({
  CHECK: 'check',            // {text, field?, first?, stream?} -> {ok, suggestions, elapsed_ms, truncated, partial} | {ok:false, code, message}
  PARTIAL: 'partial',        // service worker -> the content script that sent CHECK with `stream`: {stream, start, end, suggestions}
  CANCEL: 'cancel',          // {field} -> {ok}
  STATUS: 'status',          // {} -> {ok, status}
  RECONNECT: 'reconnect',    // {} -> {ok, status}         (extension pages only)
  IGNORE: 'ignore',          // {entry} -> {ok}            (content scripts and pages)
  ADD_WORD: 'add-word',      // {word} -> {ok}
  DISABLE_SITE: 'disable-site', // {} -> {ok}  (site taken from the sender, never from the message)
});

// --- host requests ---
export function helloRequest(id, clientVersion) {
  return { id, type: 'hello', protocol: PROTOCOL_VERSION, client: `redline-extension/${clientVersion}` };
}

export function checkRequest(id, text, { language = DEFAULT_LANGUAGE, field, partial = false, first = [] } = {}) {
  const msg = { id, type: 'check', text, language };
  if (field !== undefined) msg.field = String(field);
  if (partial) {
    msg.partial = true;
    if (first.length) msg.first = first;
  }
  return msg;
}

/**
 * Ranges of `text` to check first (what is in view, the paragraph being typed), as the host takes
 * them: at most MAX_FIRST_RANGES [start, end] pairs within the text; anything else is dropped.
 */
export function normalizeRanges(text, ranges) {
  if (!Array.isArray(ranges)) return [];
  return ranges
    .filter((r) => Array.isArray(r) && r.length === 2 && r.every(Number.isInteger) && r[0] >= 0 && r[0] <= r[1] && r[1] <= text.length)
    .slice(0, MAX_FIRST_RANGES)
    .map(([a, b]) => [a, b]);
}

export function cancelRequest(id, target) {
  return { id, type: 'cancel', target };
}

export function pingRequest(id) {
  return { id, type: 'ping' };
}

/** An Error carrying a protocol error code. */
export class HostError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

/**
 * Validate the suggestions of a `result` against the text that was sent.
 * Offsets are UTF-16 code units (JS string indices). Anything that does not
 * fit the text is dropped: a wrong offset must never reach the user's field.
 */
export function normalizeSuggestions(text, suggestions) {
  if (!Array.isArray(suggestions)) return [];
  const out = [];
  for (const s of suggestions) {
    if (!s || typeof s !== 'object') continue;
    const { start, end } = s;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) continue;
    const span = text.slice(start, end);
    if (typeof s.text === 'string' && s.text !== span) continue;
    const replacements = Array.isArray(s.replacements)
      ? s.replacements.filter((r) => typeof r === 'string' && r !== span)
      : [];
    if (start === end && replacements.length === 0) continue;
    out.push({
      start,
      end,
      text: span,
      replacements,
      category: CATEGORIES.includes(s.category) ? s.category : 'grammar',
      message: typeof s.message === 'string' ? s.message : '',
      rule: typeof s.rule === 'string' ? s.rule : '',
      confidence: typeof s.confidence === 'number' ? s.confidence : null,
      level: SENSITIVITIES.includes(s.level) ? s.level : 'sure', // a host without calibration: always shown
    });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}
