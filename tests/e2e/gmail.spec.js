// A Gmail-like compose body: a contenteditable div with role=textbox, in which
// Chromium's own editing creates nested divs per line.
import { editorSuite } from './editor_suite.js';

const BODY = 'div[aria-label="Message Body"]';

editorSuite({
  name: 'gmail',
  kind: 'contenteditable',
  path: '/gmail.html',
  field: BODY,
  scroller: '.Ar',
  // No editor model here: the page's content is its DOM, read as the user sees it.
  modelText: (page) => page.locator(BODY).evaluate((el) => el.innerText.replace(/\u00a0/g, ' ').replace(/\n$/, '')),
  caret: (page) =>
    page.locator(BODY).evaluate((el) => {
      const sel = getSelection();
      if (!sel.rangeCount || !el.contains(sel.focusNode)) return null;
      const r = document.createRange();
      r.setStart(el, 0);
      r.setEnd(sel.focusNode, sel.focusOffset);
      return r.toString().length;
    }),
});
