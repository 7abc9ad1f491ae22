// contenteditable editors (Gmail, Outlook, ProseMirror/TipTap, Quill, Lexical,
// CKEditor): the text and the DOM<->text map come from text_map.js, boxes from
// DOM Ranges over the editor's own nodes, and edits from the browser's editing
// commands over the exact range, so the editor sees an ordinary user edit
// (beforeinput/input), updates its own model and can undo it. Nothing is ever
// inserted into the editor's DOM by us.

import { buildTextMap, rangeFor, offsetOf, isEditableSpan } from '../text_map.js';

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

  /** Replace text[start, end) as typing would. Returns false, touching nothing, if the span is not plain editable text. */
  replace(start, end, replacement) {
    const doc = this.element.ownerDocument;
    const map = buildTextMap(this.element);
    if (!isEditableSpan(map, start, end)) return false;
    const range = rangeFor(map, start, end, doc);
    if (!range) return false;
    this.element.focus({ preventScroll: true });
    const sel = doc.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    let done = false;
    try {
      done = doc.execCommand(replacement ? 'insertText' : 'delete', false, replacement);
    } catch {
      done = false;
    }
    if (!done) done = this.replaceByInputEvents(range, replacement);
    return done;
  }

  /** Without execCommand: offer the edit as beforeinput; if no editor takes it, edit the one text node. */
  replaceByInputEvents(range, replacement) {
    const init = { bubbles: true, cancelable: true, composed: true, inputType: 'insertReplacementText', data: replacement };
    if (typeof StaticRange === 'function') init.targetRanges = [new StaticRange(range)];
    const before = new InputEvent('beforeinput', init);
    this.element.dispatchEvent(before);
    if (before.defaultPrevented) return true;
    if (range.startContainer !== range.endContainer || range.startContainer.nodeType !== 3) return false;
    range.startContainer.replaceData(range.startOffset, range.endOffset - range.startOffset, replacement);
    this.element.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: replacement }));
    return true;
  }

  observe(onChange) {
    const el = this.element;
    const events = ['input', 'keyup', 'mouseup', 'focus'];
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
