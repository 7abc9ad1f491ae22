import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const dom = new JSDOM(`
  <textarea id="ta"></textarea>
  <textarea id="ro" readonly></textarea>
  <input id="text"><input id="t2" type="text">
  <input id="pw" type="password"><input id="em" type="email"><input id="num" type="number">
  <input id="search" type="search"><input id="url" type="url"><input id="cb" type="checkbox">
  <div id="ce" contenteditable="true"><p id="inner">x</p></div>
  <div class="cm-editor"><div id="code" contenteditable="true"></div></div>
  <div id="optout" contenteditable="true" data-gramm="false"></div>
  <div id="host"></div>`);
const { document } = dom.window;
// jsdom does not compute isContentEditable; give it the browser's meaning.
Object.defineProperty(dom.window.HTMLElement.prototype, 'isContentEditable', {
  get() {
    for (let n = this; n && n.nodeType === 1; n = n.parentElement) {
      const v = n.getAttribute('contenteditable');
      if (v === 'false') return false;
      if (v === '' || v === 'true' || v === 'plaintext-only') return true;
    }
    return false;
  },
});
const shadow = document.getElementById('host').attachShadow({ mode: 'open' });
shadow.innerHTML = '<textarea id="in-shadow"></textarea>';

const { isCheckable, scan, fieldFor, editingHost } = await import('../../extension/content/find_editors.js');
const $ = (id) => document.getElementById(id);

test('text fields are checked; password, e-mail, number, search and URL fields are not', () => {
  assert.ok(isCheckable($('ta')));
  assert.ok(isCheckable($('text')));
  assert.ok(isCheckable($('t2')));
  for (const id of ['ro', 'pw', 'em', 'num', 'search', 'url', 'cb']) assert.ok(!isCheckable($(id)), id);
});

test('contenteditable editors are checked at their root; code editors and opt-outs are not', () => {
  assert.ok(isCheckable($('ce')));
  assert.ok(!isCheckable($('inner')));
  assert.equal(editingHost($('inner')), $('ce'));
  assert.equal(fieldFor($('inner')), $('ce'));
  assert.ok(!isCheckable($('code')));
  assert.ok(!isCheckable($('optout')));
});

test('scan finds fields in open shadow roots', () => {
  const ids = scan(document).map((el) => el.id);
  assert.deepEqual(ids.sort(), ['ce', 'in-shadow', 't2', 'ta', 'text']);
});
