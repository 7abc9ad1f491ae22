// One checked field: it reads the field's text through its editor adapter, asks
// for checks of what changed (sentence-level, see shared/incremental.js), draws
// the underlines, keeps them on the text through scrolling and reflow, shows the
// badge, and applies a suggestion as a user edit with the caret kept in place.

import { planCheck, absorbResult, absorbPartial, suggestionsFor, paragraphsOf } from '../shared/incremental.js';
import { splitSentences } from '../shared/sentences.js';
import { visibleSuggestions, ignoreEntry, isSingleWord } from '../shared/filters.js';
import { mapPosition, replaceSpan, shiftSuggestions } from '../shared/edits.js';
import { lineBoxes, insertionBox } from './geometry.js';

const DEBOUNCE_MS = 350;
const PASTE_MS = 250; // how long after a paste its own DOM changes may still come
const RETRY_MS = 1500;

/** The text as sent to the host: no-break spaces (common in rich editors) read as spaces; length unchanged. */
export function textForCheck(text) {
  return text.replace(/\u00a0/g, ' ');
}

export class FieldSession {
  /**
   * `app` gives what is shared by all fields of the frame:
   * {cache, check(text, fieldId, {first, onPartial}), streams(), settings(), maxChars(), ignore(entry), addWord(word),
   *  disableSite(), card, overlay}
   */
  constructor(id, editor, app) {
    this.id = id;
    this.editor = editor;
    this.app = app;
    this.pending = new Set();
    this.inflight = 0;
    this.text = null;
    this.all = []; // every cached suggestion for the text, before filters
    this.provisional = []; // after applying: the other suggestions, moved, until the host answers for the new text
    this.suggestions = []; // what is shown
    this.complete = false;
    this.error = null;
    this.focused = false;
    this.selection = null;
    this.timer = 0;
    this.frame = 0;
    this.destroyed = false;
    this.stopObserving = editor.observe((e) => this.changed(e));
  }

  get element() {
    return this.editor.element;
  }

  focus() {
    this.focused = true;
    this.trackSelection();
    this.check();
    this.scheduleRefresh();
  }

  /** The page is going away (or into the back-forward cache): drop the pending redraw and check. */
  pause() {
    clearTimeout(this.timer);
    if (this.frame) this.element.ownerDocument.defaultView?.cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  blur() {
    this.focused = false;
    this.app.overlay.hideBadge();
  }

  /**
   * Something about the field changed: redraw on the next frame, check after a pause in typing
   * (at once after a paste or a drop: no more keystrokes are coming).
   */
  changed(event) {
    if (this.destroyed || this.applying) return;
    this.trackSelection();
    this.scheduleRefresh();
    clearTimeout(this.timer);
    // Editors that handle a paste themselves fire no input event: the paste event, and the mutations
    // right after it, count as the paste.
    if (event?.type === 'paste' || event?.type === 'drop' || /^insertFrom(Paste|Drop)$/.test(event?.inputType ?? '')) {
      this.pasteUntil = Date.now() + PASTE_MS;
    }
    this.timer = setTimeout(() => this.check(), Date.now() < (this.pasteUntil ?? 0) ? 0 : DEBOUNCE_MS);
  }

  trackSelection() {
    if (!this.focused) return;
    const sel = this.editor.getSelection();
    if (sel) this.selection = sel;
  }

  scheduleRefresh() {
    if (this.frame) return;
    const win = this.element.ownerDocument.defaultView;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  }

  /** Ask the host about sentences not yet checked. */
  async check() {
    if (this.destroyed) return;
    clearTimeout(this.timer);
    const text = textForCheck(this.editor.getText());
    const stream = this.app.streams(); // the host answers a paragraph at a time: one request for the whole text
    const plan = planCheck(text, this.app.cache, this.pending, this.app.maxChars(), { focus: this.focusRanges(text), stream });
    if (!plan) {
      this.refresh();
      return;
    }
    // Too long for any request: never flagged, and never asked about again.
    for (const s of plan.tooLong) this.app.cache.set(s.text, []);
    if (plan.sentences.length === 0) {
      this.check();
      return;
    }
    for (const s of plan.sentences) this.pending.add(s.text);
    this.inflight++;
    this.updateBadge();
    // Each paragraph's answer is drawn as it comes (where its sentences still read the same: the
    // cache is keyed by sentence text, as for results).
    const onPartial = (part) => {
      if (this.destroyed) return;
      absorbPartial(this.app.cache, plan.sentences, part);
      this.scheduleRefresh();
    };
    let reply;
    try {
      reply = await this.app.check(plan.text, this.id, stream && plan.text.includes('\n') ? { first: plan.first, onPartial } : {});
    } catch (e) {
      reply = { ok: false, code: 'unavailable', message: String(e?.message ?? e) };
    } finally {
      for (const s of plan.sentences) this.pending.delete(s.text);
      this.inflight--;
    }
    if (this.destroyed) return;
    let again = 0;
    if (reply.ok) {
      absorbResult(this.app.cache, plan.sentences, reply.suggestions);
      this.error = null;
    } else if (reply.code === 'superseded' || reply.code === 'cancelled') {
      // A newer check of this field replaced it; whatever it did not cover is planned again, once
      // that newer one is answered (planning now would supersede it in turn).
      if (this.inflight > 0) again = -1;
    } else if (reply.code === 'busy') {
      again = RETRY_MS;
    } else {
      this.error = reply;
    }
    this.refresh();
    if (!this.error && again >= 0) this.timer = setTimeout(() => this.check(), again);
  }

  /**
   * What to check first in a long text: the paragraph with the caret (being typed), then the
   * paragraphs in view. Ranges of `text`, most urgent first.
   */
  focusRanges(text) {
    const paragraphs = paragraphsOf(text);
    if (paragraphs.length <= 1) return [];
    const ranges = [];
    const caret = this.focused ? this.selection : null;
    const typing = caret && paragraphs.find((p) => p.start <= caret.end && caret.end <= p.end);
    if (typing) ranges.push(typing);
    this.editor.measure();
    const clip = this.editor.clipBox();
    const shown = paragraphs.filter((p) =>
      this.editor.rectsFor(p.start, p.end).some((r) => r.bottom > clip.top && r.top < clip.bottom && r.right > clip.left && r.left < clip.right),
    );
    if (shown.length) ranges.push({ start: shown[0].start, end: shown[shown.length - 1].end });
    return ranges;
  }

  /** Re-read the text, re-place cached suggestions on it, redraw. */
  refresh() {
    if (this.destroyed) return;
    if (!this.element.isConnected) {
      this.destroy();
      return;
    }
    const text = textForCheck(this.editor.getText());
    this.text = text;
    const { suggestions, complete } = suggestionsFor(text, this.app.cache);
    this.complete = complete;
    if (complete) this.provisional = [];
    // While the edited sentence waits for its new answer, keep showing its other suggestions where they moved.
    const answered = (p) => splitSentences(text).some((x) => x.start <= p.start && p.start <= x.end && this.app.cache.has(x.text));
    const keep = this.provisional.filter(
      (p) => text.slice(p.start, p.end) === p.text && !answered(p) && !suggestions.some((s) => s.start < p.end && p.start < s.end),
    );
    this.all = keep.length ? [...suggestions, ...keep].sort((a, b) => a.start - b.start || a.end - b.end) : suggestions;
    this.filter();
    this.draw();
    this.updateBadge();
  }

  /** Apply settings (categories, dictionary, ignores) to the current suggestions. */
  filter() {
    this.suggestions = visibleSuggestions(this.text ?? '', this.all, this.app.settings()).map((s) => ({
      ...s,
      id: `${s.start}-${s.end}-${s.category}`,
    }));
  }

  draw() {
    const { editor } = this;
    editor.measure();
    const clip = editor.clipBox();
    const items = [];
    for (const s of this.suggestions) {
      let rects = editor.rectsFor(s.start, s.end);
      if (s.start === s.end) rects = rects.slice(0, 1).map((r) => insertionBox(r));
      const boxes = lineBoxes(rects, clip);
      if (boxes.length) items.push({ id: s.id, category: s.category, boxes, start: s.start, end: s.end });
    }
    this.boxes = new Map(items.map((i) => [i.id, i.boxes]));
    this.app.overlay.draw(this.id, items);
    const card = this.app.card;
    if (card.isOpen && card.current?.fieldId === this.id && !this.boxes.has(card.current.id)) card.hide();
    this.clip = clip;
  }

  updateBadge() {
    if (!this.focused || !this.clip) return;
    const n = this.suggestions.length;
    let state;
    let title;
    if (this.error) {
      state = 'unavailable';
      title = this.error.message || 'The Redline host is unavailable.';
    } else if ((this.inflight > 0 || !this.complete) && n === 0) {
      state = 'checking';
      title = 'Redline: checking…';
    } else if (this.inflight > 0 || !this.complete) {
      // A long text is checked in parts: what is found so far is usable while the rest is checked.
      state = 'issues';
      title = `Redline: ${n} ${n === 1 ? 'issue' : 'issues'} so far, checking the rest…`;
    } else if (n > 0) {
      state = 'issues';
      title = `Redline: ${n} ${n === 1 ? 'issue' : 'issues'}`;
    } else {
      state = 'ok';
      title = 'Redline: no issues found';
    }
    const busy = !this.error && (this.inflight > 0 || !this.complete);
    this.app.overlay.showBadge(this.clip, { state, count: n, title, busy, onActivate: () => this.activateBadge() });
  }

  activateBadge() {
    if (this.error) {
      const b = this.app.overlay.badge.getBoundingClientRect();
      this.app.card.showMessage(b, 'Redline host unavailable', this.error.message || 'The Redline host is unavailable.', () => this.app.card.hide());
      return;
    }
    if (this.suggestions.length) this.openCard(this.suggestions[0].id, { focus: true });
  }

  /** Show the card for suggestion `id`. */
  openCard(id, { focus = false } = {}) {
    const index = this.suggestions.findIndex((s) => s.id === id);
    if (index < 0) return;
    const s = this.suggestions[index];
    const boxes = this.boxes?.get(id);
    if (!boxes?.length) return;
    const anchor = boxes[0];
    const { card } = this.app;
    const step = (d) => {
      const next = this.suggestions[(index + d + this.suggestions.length) % this.suggestions.length];
      this.openCard(next.id, { focus: true });
    };
    card.show({
      fieldId: this.id,
      s,
      anchor,
      position: { index, total: this.suggestions.length },
      focus,
      actions: {
        apply: (r) => this.apply(s, r),
        ignore: () => this.ignore(s),
        disableSite: () => {
          card.hide();
          this.app.disableSite();
        },
        addWord: s.category === 'spelling' && isSingleWord(s.text) ? () => this.addWord(s) : null,
        next: () => step(1),
        previous: () => step(-1),
        close: ({ restoreFocus } = {}) => {
          card.hide();
          if (restoreFocus) this.restoreFocus();
        },
      },
    });
  }

  restoreFocus() {
    this.element.focus({ preventScroll: true });
    if (this.selection) this.editor.setSelection(this.selection.start, this.selection.end);
  }

  /**
   * Replace the suggestion's span as the user would, keep the caret where it was.
   * Returns true only when the field reads back as expected; otherwise the text is
   * as it was, the suggestion stays, and the card says so with the replacement to copy.
   */
  async apply(s, replacement) {
    const { card } = this.app;
    const anchor = this.boxes?.get(s.id)?.[0];
    card.hide();
    const before = textForCheck(this.editor.getText());
    if (before.slice(s.start, s.end) !== s.text) {
      // The text moved on since this suggestion was drawn: never edit a span that reads differently.
      this.refresh();
      return false;
    }
    const caret = (this.focused && this.editor.getSelection()) || this.selection;
    const others = this.all.filter((x) => !(x.start === s.start && x.end === s.end && x.category === s.category));
    this.applying = true; // the edit's own input/mutation events must not start a check of a half-done text
    let result;
    try {
      result = await this.editor.replace(s.start, s.end, replacement);
    } catch (e) {
      result = { ok: false, reason: String(e?.message ?? e) };
    } finally {
      this.applying = false;
    }
    const after = textForCheck(this.editor.getText());
    const ok = result.ok && after === replaceSpan(before, s.start, s.end, replacement);
    if (ok) {
      this.provisional = shiftSuggestions(others, s.start, s.end, replacement.length);
      if (caret) {
        const a = mapPosition(caret.start, s.start, s.end, replacement.length);
        const b = mapPosition(caret.end, s.start, s.end, replacement.length);
        this.editor.setSelection(a, b);
        this.selection = { start: a, end: b };
      }
    } else if (caret && after === before) {
      this.editor.setSelection(caret.start, caret.end);
    }
    this.focused = true;
    this.refresh();
    this.changed();
    if (!ok && anchor) {
      card.showNotApplied(anchor, replacement, {
        changed: after !== before,
        close: ({ restoreFocus } = {}) => {
          card.hide();
          if (restoreFocus) this.restoreFocus();
        },
      });
    }
    return ok;
  }

  ignore(s) {
    this.app.card.hide();
    this.app.ignore(ignoreEntry(this.text ?? '', s));
    this.refresh();
  }

  addWord(s) {
    this.app.card.hide();
    this.app.addWord(s.text);
    this.refresh();
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.timer);
    this.stopObserving();
    this.editor.destroy();
    this.app.overlay.clear(this.id);
    this.app.onDestroyed?.(this);
  }
}
