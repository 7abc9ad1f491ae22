// <textarea> and text <input>: the text is the value; boxes come from the mirror;
// edits go through the browser's own editing (execCommand) so they land on the
// field's undo stack and fire the input events frameworks listen to.

import { TextFieldMirror } from '../text_field_mirror.js';

export class TextFieldEditor {
  constructor(field, overlayRoot) {
    this.element = field;
    this.kind = field.localName === 'textarea' ? 'textarea' : 'input';
    this.mirror = new TextFieldMirror(field, overlayRoot);
  }

  getText() {
    return this.element.value;
  }

  /** Prepare for a batch of rectsFor() calls. */
  measure() {
    this.mirror.sync();
  }

  rectsFor(start, end) {
    return this.mirror.rects(start, end);
  }

  clipBox() {
    return this.mirror.clip();
  }

  getSelection() {
    const f = this.element;
    if (f.selectionStart == null) return null;
    return { start: f.selectionStart, end: f.selectionEnd };
  }

  setSelection(start, end = start) {
    this.element.setSelectionRange(start, end);
  }

  /** Replace value[start, end) as typing would. {ok: true} when the field reads as expected after. */
  async replace(start, end, replacement) {
    const f = this.element;
    const doc = f.ownerDocument;
    const expected = f.value.slice(0, start) + replacement + f.value.slice(end);
    const { scrollTop, scrollLeft } = f;
    f.focus({ preventScroll: true });
    f.setSelectionRange(start, end);
    let done = false;
    try {
      done = doc.execCommand(replacement ? 'insertText' : 'delete', false, replacement);
    } catch {
      done = false;
    }
    if (!done && f.value !== expected) {
      // No editing command here (or it was refused): the standard API, then tell the page.
      f.setRangeText(replacement, start, end, 'end');
      f.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: replacement }));
    }
    f.scrollTop = scrollTop;
    f.scrollLeft = scrollLeft;
    return f.value === expected ? { ok: true } : { ok: false, reason: 'refused' };
  }

  /** Call `onChange` when the text, its layout or its scroll may have changed. */
  observe(onChange) {
    const f = this.element;
    const events = ['input', 'scroll', 'change', 'select', 'keyup', 'mouseup'];
    for (const e of events) f.addEventListener(e, onChange, { passive: true });
    const resize = new ResizeObserver(onChange);
    resize.observe(f);
    return () => {
      for (const e of events) f.removeEventListener(e, onChange);
      resize.disconnect();
    };
  }

  destroy() {
    this.mirror.remove();
  }
}
