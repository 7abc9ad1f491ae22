// The suggestion card: the replacements as buttons, the explanation, Ignore and
// "Turn off on this site". Keyboard: it is a focusable dialog; Escape closes it
// and gives focus back to the field; buttons are named by their text.

import { CATEGORY_LABELS } from '../shared/protocol.js';
import { placeCard } from './geometry.js';
import { replacementLabel } from '../shared/edits.js';

export class SuggestionCard {
  constructor(overlay) {
    this.overlay = overlay;
    this.doc = overlay.doc;
    this.el = null;
    this.current = null; // {fieldId, id}
    this.hideTimer = 0;
  }

  get isOpen() {
    return this.el != null && !this.el.hidden;
  }

  /**
   * Show the card for suggestion `s`, anchored at `anchor` (a viewport box).
   * `actions`: {apply(replacement), ignore(), disableSite(), addWord?(), next?(), previous?(), close()}.
   * `position`: {index, total}. With focus=true the first button takes focus (keyboard use).
   */
  show({ fieldId, s, anchor, actions, position, focus = false }) {
    clearTimeout(this.hideTimer);
    const doc = this.doc;
    if (!this.el) {
      this.el = doc.createElement('div');
      this.el.className = 'card';
      this.el.setAttribute('role', 'dialog');
      this.el.tabIndex = -1;
      this.el.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          this.actions?.close({ restoreFocus: true });
        }
      });
      // Clicking the card must not move focus or the caret out of the editor.
      this.el.addEventListener('mousedown', (e) => {
        if (e.target.closest?.('button')) e.preventDefault();
      });
      this.el.addEventListener('mouseenter', () => clearTimeout(this.hideTimer));
      this.el.addEventListener('mouseleave', () => this.hideSoon());
      this.overlay.root.append(this.el);
    }
    this.actions = actions;
    this.current = { fieldId, id: s.id };
    const el = this.el;
    el.dataset.category = s.category;
    el.dataset.suggestion = String(s.id);
    el.setAttribute('aria-label', `${CATEGORY_LABELS[s.category] ?? 'Suggestion'}: ${s.message || s.text}`);
    el.replaceChildren();

    const head = node(doc, 'div', 'head');
    head.append(node(doc, 'span', 'category', CATEGORY_LABELS[s.category] ?? s.category));
    if (position && position.total > 1) {
      const nav = node(doc, 'span', 'nav');
      const prev = button(doc, 'prev', '‹', () => actions.previous?.());
      prev.setAttribute('aria-label', 'Previous suggestion');
      const next = button(doc, 'next', '›', () => actions.next?.());
      next.setAttribute('aria-label', 'Next suggestion');
      nav.append(prev, node(doc, 'span', 'count', `${position.index + 1} of ${position.total}`), next);
      head.append(nav);
    }
    el.append(head);

    if (s.message) el.append(node(doc, 'p', 'message', s.message));

    const reps = node(doc, 'div', 'replacements');
    if (s.replacements.length === 0) {
      reps.append(node(doc, 'span', 'original', s.text));
    }
    for (const r of s.replacements) {
      const b = button(doc, r === '' ? 'replacement remove' : 'replacement', replacementLabel(s, r), () => actions.apply(r));
      reps.append(b);
    }
    el.append(reps);

    const row = node(doc, 'div', 'actions');
    row.append(button(doc, 'action ignore', 'Ignore', () => actions.ignore()));
    if (actions.addWord) row.append(button(doc, 'action add-word', 'Add to dictionary', () => actions.addWord()));
    row.append(button(doc, 'action disable-site', 'Turn off on this site', () => actions.disableSite()));
    el.append(row);

    el.hidden = false;
    this.overlay.setActive(fieldId, s.id);
    const rect = el.getBoundingClientRect();
    const view = doc.defaultView;
    const at = placeCard(anchor, { width: rect.width, height: rect.height }, { width: view.innerWidth, height: view.innerHeight });
    el.style.left = `${at.left}px`;
    el.style.top = `${at.top}px`;
    if (focus) (el.querySelector('button.replacement') ?? el.querySelector('button'))?.focus();
  }

  /** A card that only says something (e.g. the host is missing, with the fix). */
  showMessage(anchor, title, text, close) {
    clearTimeout(this.hideTimer);
    this.show({
      fieldId: null,
      s: { id: -1, category: 'style', message: text, text: '', replacements: [] },
      anchor,
      actions: { apply() {}, ignore: close, disableSite: close, close },
    });
    this.el.querySelector('.category').textContent = title;
    this.el.querySelector('.replacements').remove();
    this.el.querySelector('.actions').remove();
  }

  /**
   * The edit did not take: say so, and offer the replacement to copy, so the
   * person can paste it themselves. `changed`: the field changed in a way that
   * could not be undone for them (they should look, and may press Ctrl+Z).
   */
  showNotApplied(anchor, replacement, { changed = false, close }) {
    const text = changed
      ? 'This editor didn’t take the change as expected; check the text (Ctrl+Z undoes it). Copy the replacement to paste it yourself.'
      : 'This editor didn’t accept the change — copy it and paste it yourself.';
    this.showMessage(anchor, 'Not applied', text, close);
    this.el.dataset.state = 'not-applied';
    this.sticky = true; // stays up until closed, so there is time to read it and copy
    const row = node(this.doc, 'div', 'actions');
    const copy = button(this.doc, 'action copy', `Copy “${replacement}”`, async () => {
      copy.textContent = (await copyText(this.overlay.root, replacement)) ? 'Copied' : 'Copy failed';
    });
    row.append(copy, button(this.doc, 'action close', 'Close', () => close({ restoreFocus: true })));
    this.el.append(row);
  }

  hideSoon(ms = 350) {
    if (this.sticky) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), ms);
  }

  cancelHide() {
    clearTimeout(this.hideTimer);
  }

  hide() {
    clearTimeout(this.hideTimer);
    this.sticky = false;
    if (this.el) {
      this.el.hidden = true;
      delete this.el.dataset.state;
    }
    this.current = null;
    this.overlay.setActive(null, null);
  }

  contains(node) {
    return this.el != null && !this.el.hidden && (node === this.el || this.el.contains(node));
  }
}

/** Put `text` on the clipboard (the async API, else a copy command on a scratch field of our own). */
async function copyText(root, text) {
  const doc = root.ownerDocument ?? root;
  try {
    await doc.defaultView.navigator.clipboard.writeText(text);
    return true;
  } catch {
    const scratch = doc.createElement('textarea');
    scratch.value = text;
    scratch.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
    root.append(scratch);
    scratch.select();
    let done = false;
    try {
      done = doc.execCommand('copy');
    } catch {
      done = false;
    }
    scratch.remove();
    return done;
  }
}

function node(doc, tag, className, text) {
  const el = doc.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(doc, className, text, onClick) {
  const b = node(doc, 'button', className, text);
  b.type = 'button';
  b.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    onClick();
  });
  return b;
}
