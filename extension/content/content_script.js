// The content script's entry: finds fields, starts a FieldSession for a field
// when it is focused, routes hover/click on underlines to the card, and talks to
// the service worker (never to the host directly).

import { MSG } from '../shared/protocol.js';
import { SentenceCache } from '../shared/incremental.js';
import { normalizeSettings, isSiteEnabled } from '../shared/settings.js';
import { watchEditors, fieldFor } from './find_editors.js';
import { createEditor } from './editors/index.js';
import { Overlay } from './overlay.js';
import { SuggestionCard } from './suggestion_card.js';
import { FieldSession } from './field_session.js';

const HOVER_MS = 300;
const DEFAULT_MAX_CHARS = 20000; // until the host's hello says (40,000 since protocol 2)

function send(message) {
  return chrome.runtime.sendMessage(message);
}

function deepActiveElement(doc) {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

async function main() {
  const doc = document;
  let status;
  try {
    status = await send({ type: MSG.STATUS });
  } catch {
    return; // the extension was reloaded; this copy of the script is orphaned
  }
  const site = status?.site ?? '';
  let settings = normalizeSettings(await chrome.storage.local.get(null));
  let limits = status?.status?.limits ?? null;
  let streams = Boolean(status?.status?.streams); // the host sends partial results (protocol 2)
  // Streamed checks waiting for their paragraphs (MSG.PARTIAL from the service worker), by number.
  const partials = new Map();
  let nextStream = 1;
  chrome.runtime.onMessage.addListener((msg) => {
    if (msg?.type === MSG.PARTIAL) partials.get(msg.stream)?.(msg);
  });

  let overlay = null;
  let card = null;
  const sessions = new Map(); // element -> FieldSession
  let nextId = 1;
  let stopWatching = null;

  /** The language a field's own markup gives its text (`lang` on it or a container inside the
   * page), or '' (English, the host's default). Not <html lang>: that is the page's interface
   * language, and people write English in a German Gmail. */
  function languageOf(fieldId) {
    for (const [el, s] of sessions) {
      if (String(s.id) === String(fieldId)) return (el.closest?.('[lang]:not(html)')?.lang ?? '').trim();
    }
    return '';
  }

  const app = {
    cache: new SentenceCache(),
    settings: () => settings,
    maxChars: () => limits?.max_text_chars ?? DEFAULT_MAX_CHARS,
    get overlay() {
      return overlay;
    },
    get card() {
      return card;
    },
    streams: () => streams,
    async check(text, fieldId, { first = [], onPartial = null } = {}) {
      const stream = onPartial ? nextStream++ : undefined;
      if (stream) partials.set(stream, onPartial);
      let reply;
      try {
        reply = await send({ type: MSG.CHECK, text, field: String(fieldId), language: languageOf(fieldId), first, stream });
      } finally {
        partials.delete(stream); // a paragraph arriving after the result is in the result
      }
      if (reply?.limits) limits = reply.limits;
      if (typeof reply?.streams === 'boolean') streams = reply.streams;
      return reply ?? { ok: false, code: 'unavailable', message: 'No answer from the Redline extension.' };
    },
    ignore(entry) {
      settings = { ...settings, ignored: [...settings.ignored, entry] };
      send({ type: MSG.IGNORE, entry }).catch(() => {});
    },
    addWord(word) {
      settings = { ...settings, dictionary: [...settings.dictionary, word] };
      send({ type: MSG.ADD_WORD, word }).catch(() => {});
    },
    disableSite() {
      send({ type: MSG.DISABLE_SITE }).catch(() => {});
      stop();
    },
    onDestroyed(session) {
      sessions.delete(session.element);
    },
  };

  function sessionFor(el) {
    let session = sessions.get(el);
    if (!session) {
      overlay ??= new Overlay(doc);
      card ??= new SuggestionCard(overlay);
      session = new FieldSession(nextId++, createEditor(el, overlay.mirrors), app);
      sessions.set(el, session);
    }
    return session;
  }

  const onFocusIn = (e) => {
    const field = fieldFor(e.composedPath()[0]);
    if (field) sessionFor(field).focus();
  };
  const onFocusOut = (e) => {
    const field = fieldFor(e.composedPath()[0]);
    const session = field && sessions.get(field);
    if (session) {
      session.trackSelection();
      // Focus moving into our own card (keyboard use) keeps the badge up.
      if (!card?.contains(e.relatedTarget) && e.relatedTarget !== overlay?.host) session.blur();
    }
  };

  let hoverTimer = 0;
  let hovered = null;
  const hit = (e) => (overlay ? overlay.hitTest(e.clientX, e.clientY) : null);
  const sessionById = (id) => [...sessions.values()].find((s) => s.id === id);
  const onMouseMove = (e) => {
    if (!overlay) return;
    const h = hit(e);
    const key = h ? `${h.fieldId}/${h.id}` : null;
    if (key === hovered) return;
    hovered = key;
    clearTimeout(hoverTimer);
    if (h) {
      card.cancelHide();
      hoverTimer = setTimeout(() => sessionById(h.fieldId)?.openCard(h.id), HOVER_MS);
    } else if (card?.isOpen && !e.composedPath().includes(card.el)) {
      card.hideSoon();
    }
  };
  const onClick = (e) => {
    if (!overlay || card.contains(e.composedPath()[0])) return;
    const h = hit(e);
    if (h) sessionById(h.fieldId)?.openCard(h.id);
    else if (card.isOpen) card.hide();
  };
  const onKeyDown = (e) => {
    if (e.key === 'Escape' && card?.isOpen) card.hide();
  };
  let frame = 0;
  const onViewportChange = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      for (const s of sessions.values()) s.refresh();
      if (card?.isOpen) card.hide();
    });
  };
  let poll = 0;
  const startPolling = () => {
    // Layout can change without an event (web fonts, style changes): keep underlines on the text.
    poll ||= setInterval(() => {
      if (doc.hidden) return;
      for (const s of sessions.values()) if (s.focused || s.suggestions.length) s.scheduleRefresh();
    }, 500);
  };
  startPolling();

  const listeners = [
    [doc, 'focusin', onFocusIn, true],
    [doc, 'focusout', onFocusOut, true],
    [doc, 'mousemove', onMouseMove, true],
    [doc, 'click', onClick, true],
    [doc, 'keydown', onKeyDown, true],
    [window, 'scroll', onViewportChange, true],
    [window, 'resize', onViewportChange, false],
  ];

  function start() {
    if (stopWatching) return;
    for (const [target, type, fn, capture] of listeners) target.addEventListener(type, fn, { capture, passive: true });
    stopWatching = watchEditors(doc, (el) => {
      if (deepActiveElement(doc) === el) sessionFor(el).focus();
    });
    doc.fonts?.addEventListener?.('loadingdone', onViewportChange);
  }

  function stop() {
    if (!stopWatching) return;
    stopWatching();
    stopWatching = null;
    for (const [target, type, fn, capture] of listeners) target.removeEventListener(type, fn, { capture });
    for (const s of [...sessions.values()]) s.destroy();
    card?.hide();
    overlay?.hideBadge();
  }

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const raw = { ...settings };
    for (const [key, { newValue }] of Object.entries(changes)) raw[key] = newValue;
    settings = normalizeSettings(raw);
    if (!isSiteEnabled(settings, site)) stop();
    else {
      start();
      for (const s of sessions.values()) s.refresh();
    }
  });

  if (isSiteEnabled(settings, site)) start();
  // Leaving the page: nothing more to draw or check. Work left running then is what Firefox stops
  // with "Script terminated by timeout". A page restored from the back-forward cache starts again.
  addEventListener('pagehide', () => {
    clearInterval(poll);
    poll = 0;
    clearTimeout(hoverTimer);
    for (const s of sessions.values()) s.pause();
  });
  addEventListener('pageshow', (e) => {
    if (e.persisted) startPolling();
  });
}

main();
