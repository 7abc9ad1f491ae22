// ProseMirror with prosemirror-example-setup (history, input rules), installed from npm:
// the checks read ProseMirror's own document.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'prosemirror',
  kind: 'contenteditable',
  path: '/prosemirror.html',
  field: '.ProseMirror',
  full: false,
});
