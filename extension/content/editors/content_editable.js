// contenteditable editors (Gmail, Outlook, ProseMirror/TipTap, Quill, Lexical,
// CKEditor, Slate, Draft.js, TinyMCE): the text and the DOM<->text map come from
// text_map.js, boxes from DOM Ranges over the editor's own nodes, and edits are
// offered the way the editor listens (beforeinput, then the browser's editing
// command), so the editor updates its own model and can undo it. Nothing is ever
// inserted into the editor's DOM by us.

import { buildTextMap, rangeFor, offsetOf, isEditableSpan } from '../text_map.js';

const SETTLE_MS = 600; // how long an editor that took an edit may take to show it

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
// A frame, then a task: what an editor schedules for its next render has run. (Timers stand in where
// frames do not come, e.g. a hidden tab.)
const nextFrame = (win) =>
  new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    const timer = setTimeout(done, 100);
    win.requestAnimationFrame(() => {
      clearTimeout(timer);
      done();
    });
  });

export class ContentEditableEditor {
  constructor(root, kind = 'contenteditable') {
    this.element = root;
    this.kind = kind;
    this.map = null;
  }

  getText() {
    this.map = buildTextMap(this.element);
    return this.map.text;
  }

  measure() {
    if (!this.map) this.getText();
  }

  rectsFor(start, end) {
    const range = rangeFor(this.map, start, end, this.element.ownerDocument);
    return range ? [...range.getClientRects()] : [];
  }

  /** The visible part of the editor: its box cut by every scrolling ancestor. */
  clipBox() {
    return visibleBox(this.element);
  }

  selection() {
    const root = this.element.getRootNode();
    return (typeof root.getSelection === 'function' ? root.getSelection() : null) ?? this.element.ownerDocument.getSelection();
  }

  getSelection() {
    const sel = this.selection();
    if (!sel || sel.rangeCount === 0 || !this.element.contains(sel.anchorNode) || !this.element.contains(sel.focusNode)) return null;
    const map = buildTextMap(this.element);
    const a = offsetOf(map, sel.anchorNode, sel.anchorOffset);
    const b = offsetOf(map, sel.focusNode, sel.focusOffset);
    return { start: Math.min(a, b), end: Math.max(a, b) };
  }

  setSelection(start, end = start) {
    const map = buildTextMap(this.element);
    const range = rangeFor(map, start, end, this.element.ownerDocument);
    if (!range) return;
    const sel = this.element.ownerDocument.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  /**
   * Replace text[start, end) the way the editor listens, and say what happened:
   * {ok: true} when the field reads back as expected, else {ok: false, reason}
   * with the field as it was before (anything partial undone where possible).
   *  1. A cancelable `beforeinput` (insertReplacementText with data and dataTransfer, or for a removal
   *     deleteContentBackward) over the selected span: editors with their own model (CKEditor 5, Slate,
   *     Lexical, Quill) take it as a user's edit, on their own undo stack.
   *  2. If nobody took it, the browser's editing command (execCommand insertText/delete), which editors
   *     that read the DOM (ProseMirror, Draft.js, TinyMCE, plain contenteditable) see as typing.
   *     An editor that took the event and made no change is not gone around: that is a refusal.
   * Every step is checked by reading the field back; nothing is reported done that is not.
   */
  async replace(start, end, replacement) {
    const doc = this.element.ownerDocument;
    const before = this.getText();
    const expected = before.slice(0, start) + replacement + before.slice(end);
    if (!isEditableSpan(this.map, start, end)) return { ok: false, reason: 'not-editable' };
    if (!this.select(start, end)) return { ok: false, reason: 'not-editable' };
    // Editors with their own selection learn of the new one from `selectionchange`, which comes as a task.
    await nextTask();
    if (this.selected(start, end) === false) return { ok: false, reason: 'selection-refused' };

    const taken = this.dispatchBeforeInput(replacement);
    let text = await this.settle(expected, taken ? SETTLE_MS : 0);
    if (text === expected) return { ok: true, how: 'beforeinput' };
    if (text !== before) return this.undoPartial(before, 'beforeinput');
    // An editor that took the event makes its own edits; going around it (execCommand) would change
    // its DOM behind its model (Slate shows the change, keeps the old text, and brings it back).
    if (taken) return { ok: false, reason: 'refused' };

    // Nobody took the event (a synthetic beforeinput has no default action): the browser's own editing.
    if (!this.select(start, end)) return { ok: false, reason: 'not-editable' };
    this.beforeEdit();
    let done = false;
    try {
      done = doc.execCommand(replacement ? 'insertText' : 'delete', false, replacement);
    } catch {
      done = false;
    }
    text = await this.settle(expected, done ? SETTLE_MS : 0);
    if (text === expected) {
      this.afterEdit();
      return { ok: true, how: 'execCommand' };
    }
    if (text === before) return { ok: false, reason: 'refused' };
    return this.undoPartial(before, 'execCommand');
  }

  /** Select text[start, end) in the document; false if the span has no DOM range. */
  select(start, end) {
    const map = buildTextMap(this.element);
    const range = rangeFor(map, start, end, this.element.ownerDocument);
    if (!range) return false;
    this.element.focus({ preventScroll: true });
    const sel = this.element.ownerDocument.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    this.range = range;
    return true;
  }

  /** Is text[start, end) still what is selected? null when the selection cannot be read. */
  selected(start, end) {
    const sel = this.getSelection();
    if (!sel) return null;
    return sel.start === start && sel.end === end;
  }

  /**
   * Offer the edit as `beforeinput`; true when the editor took it (prevented the default).
   * A removal is a deleteContentBackward over the selection: Slate and Lexical do nothing with an
   * empty insertReplacementText.
   */
  dispatchBeforeInput(replacement) {
    const init = { bubbles: true, cancelable: true, composed: true, inputType: 'deleteContentBackward', data: null };
    if (replacement) {
      init.inputType = 'insertReplacementText';
      init.data = replacement;
      try {
        const transfer = new DataTransfer();
        transfer.setData('text/plain', replacement);
        init.dataTransfer = transfer;
      } catch {
        // no DataTransfer constructor here: data carries the text
      }
    }
    if (typeof StaticRange === 'function' && this.range) init.targetRanges = [new StaticRange(this.range)];
    const event = new InputEvent('beforeinput', init);
    this.element.dispatchEvent(event);
    return event.defaultPrevented;
  }

  /**
   * Wait up to `ms` for the field to read `expected` (editors that render from a model do it a little
   * later), then once more after the next frame: an editor that renders its own model over a DOM change
   * it did not make (React-based ones) must not have its first, undone, DOM taken for success.
   */
  async settle(expected, ms) {
    const until = Date.now() + ms;
    let text = this.getText();
    while (text !== expected && Date.now() < until) {
      await nextTask();
      text = this.getText();
    }
    await nextFrame(this.element.ownerDocument.defaultView);
    return this.getText();
  }

  /**
   * The edit landed only in part: undo it through the editor and check that the text is back.
   * If the undo took something else (the editor kept no step for the partial edit), redo it:
   * a half-applied suggestion is shown to the person, text they typed is never taken away.
   */
  async undoPartial(before, how) {
    const doc = this.element.ownerDocument;
    const partial = this.getText();
    this.element.focus({ preventScroll: true });
    const run = (command) => {
      try {
        return doc.execCommand(command);
      } catch {
        return false;
      }
    };
    run('undo');
    let text = await this.settle(before, SETTLE_MS);
    if (text === before) return { ok: false, reason: 'partial-undone', how };
    if (text !== partial) {
      run('redo');
      text = await this.settle(partial, SETTLE_MS);
    }
    return { ok: false, reason: 'partial', how };
  }

  /** Hooks for editor families whose undo history needs telling (see tinymce.js). */
  beforeEdit() {}

  afterEdit() {}

  observe(onChange) {
    const el = this.element;
    const events = ['input', 'keyup', 'mouseup', 'focus', 'paste', 'drop'];
    for (const e of events) el.addEventListener(e, onChange, { passive: true });
    // Editors change their DOM without input events too (undo, remote edits, setContent).
    const mutations = new MutationObserver(onChange);
    mutations.observe(el, { childList: true, subtree: true, characterData: true });
    const resize = new ResizeObserver(onChange);
    resize.observe(el);
    return () => {
      for (const e of events) el.removeEventListener(e, onChange);
      mutations.disconnect();
      resize.disconnect();
    };
  }

  destroy() {}
}

function visibleBox(el) {
  const win = el.ownerDocument.defaultView;
  const r = el.getBoundingClientRect();
  let clip = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  for (let p = parentOf(el); p && p.nodeType === 1; p = parentOf(p)) {
    const cs = win.getComputedStyle(p);
    if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
    const b = p.getBoundingClientRect();
    clip = {
      left: Math.max(clip.left, b.left + p.clientLeft),
      top: Math.max(clip.top, b.top + p.clientTop),
      right: Math.min(clip.right, b.left + p.clientLeft + (p === el.ownerDocument.documentElement ? win.innerWidth : p.clientWidth)),
      bottom: Math.min(clip.bottom, b.top + p.clientTop + (p === el.ownerDocument.documentElement ? win.innerHeight : p.clientHeight)),
    };
  }
  clip.left = Math.max(clip.left, 0);
  clip.top = Math.max(clip.top, 0);
  clip.right = Math.min(clip.right, win.innerWidth);
  clip.bottom = Math.min(clip.bottom, win.innerHeight);
  return clip;
}

function parentOf(node) {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode?.();
  return root && root.host ? root.host : null;
}
