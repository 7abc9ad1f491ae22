import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineBoxes, intersect, placeCard, placeBadge, insertionBox, contains } from '../../extension/content/geometry.js';

const r = (left, top, right, bottom) => ({ left, top, right, bottom });

test('rects on one line merge; lines stay separate', () => {
  const rects = [r(10, 0, 30, 16), r(30, 0, 50, 16), r(0, 20, 25, 36)];
  assert.deepEqual(lineBoxes(rects), [r(10, 0, 50, 16), r(0, 20, 25, 36)]);
});

test('empty rects are dropped', () => {
  assert.deepEqual(lineBoxes([r(5, 0, 5, 16), r(0, 0, 10, 0)]), []);
});

test('text scrolled out of the field draws nothing; partly visible text is cut', () => {
  const clip = r(0, 100, 200, 200);
  assert.deepEqual(lineBoxes([r(10, 80, 40, 96)], clip), []); // above
  assert.deepEqual(lineBoxes([r(10, 190, 40, 206)], clip), []); // below: its underline would float outside
  assert.deepEqual(lineBoxes([r(180, 120, 240, 136)], clip), [r(180, 120, 200, 136)]); // cut at the right edge
});

test('intersect and contains', () => {
  assert.equal(intersect(r(0, 0, 10, 10), r(10, 0, 20, 10)), null);
  assert.deepEqual(intersect(r(0, 0, 10, 10), r(5, 5, 20, 20)), r(5, 5, 10, 10));
  assert.ok(contains(r(0, 0, 10, 10), 10.5, 5, 1));
  assert.ok(!contains(r(0, 0, 10, 10), 12, 5, 1));
});

test('the card goes below the word, or above when there is no room, inside the viewport', () => {
  const viewport = { width: 800, height: 600 };
  const card = { width: 300, height: 150 };
  assert.deepEqual(placeCard(r(100, 100, 140, 116), card, viewport), { left: 100, top: 122 });
  assert.deepEqual(placeCard(r(100, 500, 140, 516), card, viewport), { left: 100, top: 344 });
  assert.equal(placeCard(r(700, 100, 740, 116), card, viewport).left, 496);
});

test('badge sits in the field corner; insertion marks are centred on the point', () => {
  assert.deepEqual(placeBadge(r(0, 0, 300, 100), { width: 20, height: 20 }), { left: 276, top: 76 });
  assert.deepEqual(insertionBox(r(50, 10, 50, 26)), r(47, 10, 53, 26));
});
