// Rectangle arithmetic for the overlay: plain {left, top, right, bottom} boxes in
// viewport coordinates, no DOM access, so it can be tested on its own.

export function box(left, top, right, bottom) {
  return { left, top, right, bottom };
}

export function fromDOMRect(r) {
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

export function width(b) {
  return b.right - b.left;
}

export function height(b) {
  return b.bottom - b.top;
}

export function intersect(a, b) {
  const r = box(Math.max(a.left, b.left), Math.max(a.top, b.top), Math.min(a.right, b.right), Math.min(a.bottom, b.bottom));
  return r.right > r.left && r.bottom > r.top ? r : null;
}

export function contains(b, x, y, slop = 0) {
  return x >= b.left - slop && x <= b.right + slop && y >= b.top - slop && y <= b.bottom + slop;
}

/**
 * The boxes a suggestion's underline is drawn under: the text's line boxes,
 * zero-width ones dropped, and each line merged into one box. Boxes whose text
 * is scrolled out of `clip` are left out; those partly out are cut to it.
 */
export function lineBoxes(rects, clip) {
  const lines = [];
  for (const r of rects) {
    if (width(r) < 0.5 || height(r) < 0.5) continue;
    const same = lines.find((l) => Math.abs(l.bottom - r.bottom) < 2 && r.left <= l.right + 2 && r.right >= l.left - 2);
    if (same) {
      same.left = Math.min(same.left, r.left);
      same.right = Math.max(same.right, r.right);
      same.top = Math.min(same.top, r.top);
    } else {
      lines.push({ ...fromDOMRect(r) });
    }
  }
  if (!clip) return lines;
  return lines
    .filter((l) => l.bottom - 1 <= clip.bottom && l.top + 1 >= clip.top) // the text itself must be visible
    .map((l) => intersect(l, clip))
    .filter(Boolean);
}

/** The boxes of a zero-width suggestion (an insertion): a short mark at the point. */
export function insertionBox(rect, size = 6) {
  return box(rect.left - size / 2, rect.top, rect.left + size / 2, rect.bottom);
}

/**
 * Where the card goes: below the anchor if it fits in the viewport, else above;
 * kept inside the viewport horizontally.
 */
export function placeCard(anchor, card, viewport, gap = 6) {
  let top = anchor.bottom + gap;
  if (top + card.height > viewport.height && anchor.top - gap - card.height >= 0) top = anchor.top - gap - card.height;
  let left = Math.min(anchor.left, viewport.width - card.width - 4);
  left = Math.max(4, left);
  top = Math.max(4, Math.min(top, viewport.height - card.height - 4));
  return { left, top };
}

/** The corner badge of a field: inside its bottom-right corner. */
export function placeBadge(field, badge, inset = 4) {
  return { left: field.right - badge.width - inset, top: field.bottom - badge.height - inset };
}
