// Quill 2, installed from npm: the checks read Quill's own contents and selection.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'quill',
  kind: 'contenteditable',
  path: '/quill.html',
  field: '.ql-editor',
  scroller: '.ql-editor',
  modelText: (page) => page.evaluate(() => window.quill.getText().replace(/\n$/, '')),
  caret: (page) => page.evaluate(() => window.quill.getSelection()?.index ?? null),
});
