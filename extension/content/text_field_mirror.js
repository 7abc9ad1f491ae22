// An invisible copy of a <textarea>/<input> laid over it with the same font, box
// and scroll position, so that DOM Ranges over the copy's text give the boxes of
// the field's characters. The mirror lives in the overlay's shadow root, never in
// the page's own content.

const COPIED = [
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch',
  'font-feature-settings', 'font-kerning', 'letter-spacing', 'word-spacing', 'line-height',
  'text-transform', 'text-indent', 'text-align', 'tab-size', 'direction', 'writing-mode',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'text-rendering',
];

export class TextFieldMirror {
  constructor(field, container) {
    this.field = field;
    this.el = field.ownerDocument.createElement('div');
    this.el.setAttribute('aria-hidden', 'true');
    this.text = field.ownerDocument.createTextNode('');
    this.el.append(this.text, field.ownerDocument.createTextNode('\u200b'));
    container.append(this.el);
  }

  /** Copy the field's layout, text and scroll; call before measuring. */
  sync() {
    const { field, el } = this;
    const cs = field.ownerDocument.defaultView.getComputedStyle(field);
    const rect = field.getBoundingClientRect();
    const textarea = field.localName === 'textarea';
    const style = el.style;
    for (const p of COPIED) style.setProperty(p, cs.getPropertyValue(p));
    style.setProperty('position', 'fixed');
    style.setProperty('visibility', 'hidden');
    style.setProperty('pointer-events', 'none');
    style.setProperty('box-sizing', 'border-box');
    style.setProperty('border', '0');
    style.setProperty('margin', '0');
    style.setProperty('overflow', 'hidden');
    style.setProperty('white-space', textarea ? 'pre-wrap' : 'pre');
    style.setProperty('overflow-wrap', textarea ? cs.getPropertyValue('overflow-wrap') || 'break-word' : 'normal');
    style.setProperty('word-break', cs.getPropertyValue('word-break'));
    // The client box: inside the borders, without the scrollbar.
    style.setProperty('left', `${rect.left + field.clientLeft}px`);
    style.setProperty('top', `${rect.top + field.clientTop}px`);
    style.setProperty('width', `${field.clientWidth}px`);
    style.setProperty('height', `${field.clientHeight}px`);
    if (!textarea) {
      // A single-line input centres its line vertically.
      const contentHeight = field.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
      style.setProperty('line-height', `${contentHeight}px`);
    }
    if (this.text.data !== field.value) this.text.data = field.value;
    el.scrollTop = field.scrollTop;
    el.scrollLeft = field.scrollLeft;
  }

  /** The viewport boxes of value[start, end). */
  rects(start, end) {
    const range = this.field.ownerDocument.createRange();
    const len = this.text.data.length;
    range.setStart(this.text, Math.min(start, len));
    range.setEnd(this.text, Math.min(end, len));
    return [...range.getClientRects()];
  }

  /** The viewport box of the field's visible text area. */
  clip() {
    const r = this.el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }

  remove() {
    this.el.remove();
  }
}
