// Slate + slate-react + slate-history, installed from npm: the checks read editor.children (window.model).
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'slate',
  kind: 'contenteditable',
  path: '/slate.html',
  field: '[data-slate-editor]',
  ready: () => window.model && document.querySelector('[data-slate-editor]'),
  full: false,
});
