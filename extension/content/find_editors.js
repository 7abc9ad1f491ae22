// Which elements are text fields Redline checks, and finding them: in the page,
// in open shadow roots, and as they are added later (a MutationObserver reruns
// scan()). Frames get their own copy of the content script (all_frames).

const SKIPPED_INPUT_TYPES = new Set(['password', 'email', 'number', 'search', 'url', 'tel']);
const TEXT_INPUT_TYPES = new Set(['', 'text']);

// Code editors and fields that opted out of grammar checkers.
const OPT_OUT = [
  '.CodeMirror', '.cm-editor', '.monaco-editor', '.ace_editor', '[data-redline="off"]',
  '[data-gramm="false"]', '[data-enable-grammarly="false"]',
].join(',');

const CANDIDATES = 'textarea, input, [contenteditable]:not([contenteditable="false"])';

/** True for a field Redline should check. */
export function isCheckable(el) {
  if (!el || el.nodeType !== 1) return false;
  if (el.localName === 'textarea') {
    if (el.readOnly || el.disabled) return false;
  } else if (el.localName === 'input') {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (SKIPPED_INPUT_TYPES.has(type) || !TEXT_INPUT_TYPES.has(type)) return false;
    if (el.readOnly || el.disabled) return false;
  } else if (!el.isContentEditable || editingHost(el) !== el) {
    return false;
  }
  return closestAcrossShadow(el, OPT_OUT) == null;
}

/** The outermost contenteditable element containing `el` (the editor's root). */
export function editingHost(el) {
  let host = null;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    if (n.isContentEditable) host = n;
    else break;
  }
  return host;
}

/** The field an event or focus target belongs to, if any. */
export function fieldFor(target) {
  if (!target || target.nodeType !== 1) return null;
  if (target.localName === 'textarea' || target.localName === 'input') return isCheckable(target) ? target : null;
  const host = editingHost(target);
  return host && isCheckable(host) ? host : null;
}

function closestAcrossShadow(el, selector) {
  for (let n = el; n; ) {
    const hit = n.closest(selector);
    if (hit) return hit;
    const root = n.getRootNode();
    n = root && root.host ? root.host : null;
  }
  return null;
}

/** Every checkable field under `root`, descending into open shadow roots. */
export function scan(root) {
  const found = [];
  const visit = (r) => {
    for (const el of r.querySelectorAll(CANDIDATES)) if (isCheckable(el)) found.push(el);
    for (const el of r.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(root);
  return found;
}

/**
 * Watch `doc` for fields, now and as they are added: onField(el) is called once
 * per field. Returns a function that stops watching.
 */
export function watchEditors(doc, onField) {
  const seen = new WeakSet();
  const observed = new WeakSet();
  const observers = [];
  let queued = false;

  const report = (root) => {
    for (const el of scan(root)) {
      if (!seen.has(el)) {
        seen.add(el);
        onField(el);
      }
    }
    observeShadowRoots(root);
  };
  const rescan = () => {
    queued = false;
    report(doc);
  };
  const schedule = () => {
    if (!queued) {
      queued = true;
      setTimeout(rescan, 150);
    }
  };
  const observe = (root) => {
    if (observed.has(root)) return;
    observed.add(root);
    const mo = new MutationObserver(schedule);
    mo.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'type', 'readonly', 'disabled'] });
    observers.push(mo);
  };
  const observeShadowRoots = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        observe(el.shadowRoot);
        observeShadowRoots(el.shadowRoot);
      }
    }
  };

  observe(doc);
  report(doc);
  return () => observers.forEach((mo) => mo.disconnect());
}
