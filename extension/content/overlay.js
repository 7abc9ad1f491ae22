// Draws underlines and the status badge in one shadow root attached to the
// document element, outside every editor, and answers "which underline is under
// this point?". It renders and hit-tests, and nothing else.

import { OVERLAY_CSS } from './overlay_styles.js';
import { contains, placeBadge } from './geometry.js';

export class Overlay {
  constructor(doc) {
    this.doc = doc;
    this.host = doc.createElement('redline-overlay');
    this.host.setAttribute('data-redline', 'overlay');
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    this.mirrors = doc.createElement('div');
    this.mirrors.className = 'mirror-layer';
    this.layer = doc.createElement('div');
    this.layer.className = 'underlines';
    this.root.append(style, this.mirrors, this.layer);
    this.drawn = new Map(); // fieldId -> [{id, boxes, els}]
    this.badge = null;
    this.attach();
  }

  attach() {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  /**
   * Draw the underlines of one field. `items` are [{id, category, boxes}], boxes
   * being the text's line boxes in viewport coordinates.
   */
  draw(fieldId, items) {
    this.attach();
    const previous = this.drawn.get(fieldId) ?? [];
    for (const item of previous) item.els.forEach((el) => el.remove());
    const drawn = [];
    for (const item of items) {
      const els = item.boxes.map((b) => {
        const el = this.doc.createElement('div');
        el.className = 'underline';
        el.dataset.category = item.category;
        el.dataset.suggestion = String(item.id);
        el.dataset.field = String(fieldId);
        el.dataset.start = String(item.start);
        el.dataset.end = String(item.end);
        Object.assign(el.style, {
          left: `${b.left}px`, top: `${b.top}px`, width: `${b.right - b.left}px`, height: `${b.bottom - b.top}px`,
        });
        this.layer.append(el);
        return el;
      });
      drawn.push({ id: item.id, boxes: item.boxes, els });
    }
    this.drawn.set(fieldId, drawn);
  }

  clear(fieldId) {
    this.draw(fieldId, []);
    this.drawn.delete(fieldId);
  }

  setActive(fieldId, id) {
    for (const [fid, items] of this.drawn) {
      for (const item of items) item.els.forEach((el) => el.classList.toggle('active', fid === fieldId && item.id === id));
    }
  }

  /** The underline under viewport point (x, y): {fieldId, id} or null. */
  hitTest(x, y) {
    for (const [fieldId, items] of this.drawn) {
      for (const item of items) if (item.boxes.some((b) => contains(b, x, y, 1))) return { fieldId, id: item.id };
    }
    return null;
  }

  /**
   * The status badge for the focused field; `state` is checking | ok | issues | unavailable;
   * `busy`: part of the text is still being checked (a long text shows what it has so far).
   */
  showBadge(fieldBox, { state, count, title, busy = false, onActivate }) {
    this.attach();
    if (!this.badge) {
      this.badge = this.doc.createElement('button');
      this.badge.type = 'button';
      this.badge.className = 'badge';
      this.badge.addEventListener('mousedown', (e) => e.preventDefault()); // keep the editor's focus and caret
      this.badge.addEventListener('click', () => this.badgeAction?.());
      this.root.append(this.badge);
    }
    const b = this.badge;
    this.badgeAction = onActivate;
    b.dataset.state = state;
    b.dataset.busy = String(busy);
    b.textContent = state === 'issues' ? String(count) : state === 'ok' ? '✓' : state === 'unavailable' ? '!' : '';
    b.title = title;
    b.setAttribute('aria-label', title);
    b.hidden = false;
    const size = { width: b.offsetWidth || 20, height: b.offsetHeight || 20 };
    const at = placeBadge(fieldBox, size);
    b.style.left = `${at.left}px`;
    b.style.top = `${at.top}px`;
  }

  hideBadge() {
    if (this.badge) this.badge.hidden = true;
  }
}
