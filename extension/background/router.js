// Every message the service worker accepts, in one switch. Messages any of our
// scripts may send (content scripts run inside web pages, so their messages are
// treated as untrusted input) come first; the rest must come from the
// extension's own pages (popup, options), checked by the sender's URL.

import { MSG, normalizeSuggestions, normalizeRanges, HostError } from '../shared/protocol.js';
import { loadSettings, saveSettings, siteOf, isSiteEnabled } from '../shared/settings.js';

const MAX_IGNORED = 2000;
const MAX_WORDS = 5000;

/** deps: {client, storage, runtimeId, extensionOrigin, notify(sender, message)?: send to the sender's frame} */
export function createRouter(deps) {
  const { client, storage, runtimeId, extensionOrigin, notify } = deps;

  const isExtensionPage = (sender) => sender.id === runtimeId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);

  return async function handleMessage(msg, sender) {
    if (!msg || typeof msg !== 'object' || sender.id !== runtimeId) return fail('bad_request', 'unknown sender');
    switch (msg.type) {
      // --- any of our scripts ---
      case MSG.CHECK:
        return handleCheck(msg, sender);
      case MSG.STATUS:
        return handleStatus(sender);
      case MSG.IGNORE:
        return handleIgnore(msg);
      case MSG.ADD_WORD:
        return handleAddWord(msg);
      case MSG.DISABLE_SITE:
        return handleDisableSite(sender);
      // --- the extension's own pages only ---
      case MSG.RECONNECT:
        if (!isExtensionPage(sender)) return fail('bad_request', 'not allowed from this sender');
        return { ok: true, status: publicStatus(await client.reconnect()) };
      default:
        return fail('bad_request', `unknown message type ${String(msg.type)}`);
    }
  };

  async function handleCheck(msg, sender) {
    if (typeof msg.text !== 'string') return fail('bad_request', 'text must be a string');
    const limit = client.status.limits?.max_text_chars;
    if (limit && msg.text.length > limit) return fail('too_large', `text longer than ${limit} characters`);
    // Field keys are made unique per tab and frame so one page cannot supersede another's checks.
    const field = `${sender.tab?.id ?? 'ext'}:${sender.frameId ?? 0}:${String(msg.field ?? 'popup').slice(0, 64)}`;
    try {
      const language = typeof msg.language === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(msg.language) ? msg.language : undefined;
      // A content script that gave a `stream` number gets each paragraph's suggestions as they
      // come (MSG.PARTIAL to its own frame), validated against its text as the result is.
      const stream = Number.isSafeInteger(msg.stream) && notify && sender.tab?.id !== undefined ? msg.stream : null;
      const onPartial = stream === null ? null : (p) => {
        const { start, end } = p;
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > msg.text.length) return;
        notify(sender, { type: MSG.PARTIAL, stream, start, end, suggestions: normalizeSuggestions(msg.text, p.suggestions) });
      };
      const reply = await client.check(msg.text, field, language, { first: normalizeRanges(msg.text, msg.first), onPartial });
      return {
        ok: true,
        suggestions: normalizeSuggestions(msg.text, reply.suggestions),
        elapsed_ms: reply.elapsed_ms,
        truncated: Boolean(reply.truncated),
        limits: client.status.limits ?? null,
        streams: client.streams,
      };
    } catch (e) {
      if (e instanceof HostError) return fail(e.code, e.message);
      return fail('internal', String(e?.message ?? e));
    }
  }

  async function handleStatus(sender) {
    const settings = await loadSettings(storage);
    const site = siteOf(sender.tab?.url ?? '');
    if (client.status.state === 'disconnected') await client.connect().catch(() => {});
    return { ok: true, status: publicStatus(client.status), site, siteEnabled: isSiteEnabled(settings, site) };
  }

  async function handleIgnore(msg) {
    const e = msg.entry;
    if (!e || typeof e.key !== 'string' || e.key.length > 1000) return fail('bad_request', 'bad ignore entry');
    const entry = {
      key: e.key,
      text: String(e.text ?? '').slice(0, 200),
      replacement: String(e.replacement ?? '').slice(0, 200),
      at: Number(e.at) || Date.now(),
    };
    const { ignored } = await loadSettings(storage);
    if (!ignored.some((x) => x.key === entry.key)) await saveSettings({ ignored: [...ignored, entry].slice(-MAX_IGNORED) }, storage);
    return { ok: true };
  }

  async function handleAddWord(msg) {
    const word = typeof msg.word === 'string' ? msg.word.trim() : '';
    if (!word || word.length > 64 || /\s/.test(word)) return fail('bad_request', 'bad word');
    const { dictionary } = await loadSettings(storage);
    await saveSettings({ dictionary: [...dictionary, word].slice(-MAX_WORDS) }, storage);
    return { ok: true };
  }

  async function handleDisableSite(sender) {
    // The site comes from the browser's view of the sender, never from the message.
    const site = siteOf(sender.tab?.url ?? '');
    if (!site) return fail('bad_request', 'no site');
    const { disabledSites } = await loadSettings(storage);
    await saveSettings({ disabledSites: [...disabledSites, site] }, storage);
    return { ok: true, site };
  }
}

export function publicStatus(status) {
  const { state, transport, host_version, model, protocol, limits, message, retry_in_ms } = status;
  const streams = state === 'connected' && (status.capabilities ?? []).includes('partial');
  return { state, transport, host_version, model, protocol, limits, message, retry_in_ms, streams };
}

function fail(code, message) {
  return { ok: false, code, message };
}
