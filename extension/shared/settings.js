// Option defaults and the one place that reads and writes them (chrome.storage.local:
// the token and the personal dictionary stay on this machine, never synced).

import { CATEGORIES, DEFAULT_WS_PORT, SENSITIVITIES } from './protocol.js';

export const DEFAULT_SETTINGS = Object.freeze({
  transport: 'native', // 'native' | 'websocket'
  wsPort: DEFAULT_WS_PORT,
  wsToken: '',
  disabledSites: [], // hostnames
  categories: Object.fromEntries(CATEGORIES.map((c) => [c, true])),
  sensitivity: 'balanced', // SENSITIVITIES
  dictionary: [], // words never flagged
  ignored: [], // [{key, text, replacement, at}]
});

/** Fill in defaults and drop anything malformed. */
export function normalizeSettings(raw = {}) {
  const s = { ...DEFAULT_SETTINGS, ...raw };
  s.transport = s.transport === 'websocket' ? 'websocket' : 'native';
  const port = Number(s.wsPort);
  s.wsPort = Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_WS_PORT;
  s.wsToken = typeof s.wsToken === 'string' ? s.wsToken.trim() : '';
  s.disabledSites = uniqueStrings(uniqueStrings(s.disabledSites).map((h) => h.toLowerCase()));
  s.categories = { ...DEFAULT_SETTINGS.categories, ...(isObject(raw.categories) ? raw.categories : {}) };
  s.sensitivity = SENSITIVITIES.includes(s.sensitivity) ? s.sensitivity : DEFAULT_SETTINGS.sensitivity;
  s.dictionary = uniqueStrings(s.dictionary);
  s.ignored = Array.isArray(s.ignored) ? s.ignored.filter((e) => e && typeof e.key === 'string') : [];
  return s;
}

export async function loadSettings(storage = chrome.storage.local) {
  const raw = await storage.get(Object.keys(DEFAULT_SETTINGS));
  return normalizeSettings(raw);
}

export async function saveSettings(patch, storage = chrome.storage.local) {
  const current = await loadSettings(storage);
  const next = normalizeSettings({ ...current, ...patch });
  const out = {};
  for (const key of Object.keys(patch)) out[key] = next[key];
  await storage.set(out);
  return next;
}

/** The per-site key: the page's hostname ('' for pages without one). */
export function siteOf(url) {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export function isSiteEnabled(settings, hostname) {
  return !settings.disabledSites.includes(String(hostname).toLowerCase());
}

function uniqueStrings(list) {
  if (!Array.isArray(list)) return [];
  return [...new Set(list.filter((x) => typeof x === 'string').map((x) => x.trim()).filter(Boolean))];
}

function isObject(x) {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
