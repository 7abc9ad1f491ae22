import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { buildTextMap, rangeFor, offsetOf, pointAt, isEditableSpan } from '../../extension/content/text_map.js';

function editor(html) {
  const dom = new JSDOM(`<div id="ed" contenteditable="true">${html}</div>`);
  const doc = dom.window.document;
  return { doc, root: doc.getElementById('ed') };
}

const textOf = (html) => buildTextMap(editor(html).root).text;

test('paragraphs and line breaks become newlines', () => {
  assert.equal(textOf('<p>One.</p><p>Two.</p>'), 'One.\nTwo.');
  assert.equal(textOf('<div>a</div><div><br></div><div>b</div>'), 'a\n\nb'); // Gmail's empty line
  assert.equal(textOf('<div>a<br>b</div>'), 'a\nb');
  assert.equal(textOf('<div>a<br></div><div>b</div>'), 'a\nb'); // a trailing <br> draws nothing
  assert.equal(textOf('<p>x</p><p><br class="ProseMirror-trailingBreak"></p><p>y</p>'), 'x\n\ny');
  assert.equal(textOf('He <b>go</b> to <i>sch</i>ool.'), 'He go to school.');
});

test('Gmail-like nesting reads naturally', () => {
  const html = '<div dir="ltr"><div>He go to school yesterday.</div><div><br></div><div>Thanks,<br>Ann</div></div>';
  assert.equal(textOf(html), 'He go to school yesterday.\n\nThanks,\nAnn');
});

test('every piece maps back to its own characters', () => {
  const { root } = editor('<p>He <b>go</b> to</p><ul><li>one</li><li>two</li></ul>');
  const map = buildTextMap(root);
  for (const p of map.pieces) assert.equal(map.text.slice(p.start, p.end), p.node.data);
});

test('a Range over text offsets covers exactly those characters', () => {
  const { doc, root } = editor('<p>He <b>go</b> to school</p><p>and buy a apple.</p>');
  const map = buildTextMap(root);
  for (const word of ['go', 'He go', 'to school', 'buy', 'a apple', 'school\nand']) {
    const start = map.text.indexOf(word);
    const range = rangeFor(map, start, start + word.length, doc);
    assert.equal(range.toString().replace(/\s+/g, ' '), word.replace('\n', ''), word);
  }
});

test('range ends prefer the text they touch', () => {
  const { root } = editor('<p>ab<b>cd</b></p>');
  const map = buildTextMap(root);
  assert.equal(pointAt(map, 2, 'start').node.data, 'cd');
  assert.equal(pointAt(map, 2, 'end').node.data, 'ab');
});

test('DOM points map back to text offsets (caret positions)', () => {
  const { doc, root } = editor('<p>He <b>go</b> to</p><p>next</p>');
  const map = buildTextMap(root);
  const b = root.querySelector('b');
  assert.equal(offsetOf(map, b.firstChild, 1), 4);
  const second = root.querySelectorAll('p')[1];
  assert.equal(offsetOf(map, second, 0), map.text.indexOf('next'));
  assert.equal(offsetOf(map, root, root.childNodes.length), map.text.length);
  // round trip
  for (let i = 0; i <= map.text.length; i++) {
    if (map.text[i - 1] === '\n') continue;
    const p = pointAt(map, i, 'end');
    assert.equal(offsetOf(map, p.node, p.offset), i, `offset ${i}`);
  }
  void doc;
});

test('spans across added breaks or non-editable widgets are not editable', () => {
  const { root } = editor('<p>Hi <span contenteditable="false">@Ann</span> there</p><p>x</p>');
  const map = buildTextMap(root);
  const at = (w) => [map.text.indexOf(w), map.text.indexOf(w) + w.length];
  assert.ok(isEditableSpan(map, ...at('Hi')));
  assert.ok(!isEditableSpan(map, ...at('@Ann')));
  assert.ok(!isEditableSpan(map, ...at('there\nx')));
  assert.ok(isEditableSpan(map, ...at('Hi '))); // across two text nodes
});

test('scripts, styles and hidden elements are not text', () => {
  assert.equal(textOf('a<style>p{}</style><span hidden>secret</span>b'), 'ab');
});
