// The text of a contenteditable editor and the map between its DOM and that text.
// Paragraph-level elements and <br> become "\n"; everything else is the text
// nodes' data, so offsets into the text point back into exact text nodes.
// Nothing here changes the DOM.

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD',
  'TR', 'UL',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function isBlockElement(el) {
  return BLOCK_TAGS.has(el.nodeName.toUpperCase());
}

/**
 * Build {text, pieces} for `root`. Each piece is {node, start, end, editable}:
 * a text node and where its data sits in `text`. Characters not covered by a
 * piece are line breaks the map added for blocks and <br>.
 */
export function buildTextMap(root) {
  let text = '';
  const pieces = [];
  let pendingBreak = false;

  const flush = () => {
    if (pendingBreak && text.length > 0 && !text.endsWith('\n')) text += '\n';
    pendingBreak = false;
  };

  const visit = (node, editable) => {
    if (node.nodeType === TEXT_NODE) {
      if (node.data.length === 0) return;
      flush();
      pieces.push({ node, start: text.length, end: text.length + node.data.length, editable });
      text += node.data;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag) || node.hidden) return;
    if (tag === 'BR') {
      if (isTrailingBreak(node)) {
        // A <br> that only holds an empty block open is an empty line; after text it draws nothing.
        if (blockIsEmpty(node)) {
          flush();
          text += '\n';
        }
        return;
      }
      flush();
      text += '\n';
      return;
    }
    const childEditable = node.getAttribute('contenteditable') === 'false' ? false : editable;
    const block = isBlockElement(node);
    if (block) pendingBreak = true;
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child, childEditable);
    if (block) pendingBreak = true;
  };

  for (let child = root.firstChild; child; child = child.nextSibling) visit(child, true);
  return { text, pieces };
}

function hasContent(node) {
  if (node.nodeType === TEXT_NODE) return node.data.length > 0;
  if (node.nodeType !== ELEMENT_NODE) return false;
  if (node.nodeName.toUpperCase() === 'BR') return true;
  return (node.textContent ?? '').length > 0 || node.querySelector?.('br') != null;
}

function nearestBlock(node) {
  let p = node.parentNode;
  while (p && p.nodeType === ELEMENT_NODE && !isBlockElement(p) && !p.hasAttribute('contenteditable')) {
    p = p.parentNode;
  }
  return p;
}

/** A <br> with nothing after it up to the end of its block. */
function isTrailingBreak(br) {
  const block = nearestBlock(br);
  for (let n = br; n && n !== block; n = n.parentNode) {
    for (let s = n.nextSibling; s; s = s.nextSibling) if (hasContent(s)) return false;
  }
  return true;
}

/** Nothing but this <br> (and empty nodes) in its block. */
function blockIsEmpty(br) {
  const block = nearestBlock(br);
  if (!block) return true;
  for (let n = br; n && n !== block; n = n.parentNode) {
    for (let s = n.previousSibling; s; s = s.previousSibling) if (hasContent(s)) return false;
  }
  return true;
}

/**
 * The DOM point for a text offset. `side` 'start' prefers the piece that begins
 * at the offset, 'end' the piece that ends there; an offset on a line break the
 * map added goes to the nearest text on that side.
 */
export function pointAt(map, offset, side = 'start') {
  const { pieces } = map;
  if (pieces.length === 0) return null;
  if (side === 'start') {
    for (const p of pieces) {
      if (offset < p.end || (offset === p.end && p === pieces[pieces.length - 1])) {
        return { node: p.node, offset: Math.max(0, offset - p.start) };
      }
    }
  } else {
    for (let i = pieces.length - 1; i >= 0; i--) {
      const p = pieces[i];
      if (offset > p.start || (offset === p.start && i === 0)) {
        return { node: p.node, offset: Math.min(p.end - p.start, offset - p.start) };
      }
    }
  }
  const p = side === 'start' ? pieces[pieces.length - 1] : pieces[0];
  return { node: p.node, offset: side === 'start' ? p.end - p.start : 0 };
}

/** A DOM Range over text[start, end). */
export function rangeFor(map, start, end, doc) {
  const a = pointAt(map, start, 'start');
  const b = start === end ? a : pointAt(map, end, 'end');
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** The text offset of a DOM point (node, offset) inside the mapped root. */
export function offsetOf(map, node, offset) {
  if (node.nodeType === TEXT_NODE) {
    const p = map.pieces.find((piece) => piece.node === node);
    if (p) return p.start + Math.min(offset, p.end - p.start);
  }
  // An element point, or a text node the map skipped: the first piece after the point.
  const doc = node.ownerDocument ?? node;
  const probe = doc.createRange();
  probe.setStart(node, offset);
  for (const p of map.pieces) {
    if (probe.comparePoint(p.node, 0) >= 0 || p.node === node) return p.start;
  }
  return map.text.length;
}

/** True when every character of [start, end) lies in editable text (no added breaks, no widgets). */
export function isEditableSpan(map, start, end) {
  let pos = start;
  for (const p of map.pieces) {
    if (p.end <= pos) continue;
    if (pos >= end) break;
    if (p.start > pos || !p.editable) return false;
    pos = Math.min(end, p.end);
  }
  if (start === end) return map.pieces.some((p) => p.editable && p.start <= start && start <= p.end);
  return pos >= end;
}
