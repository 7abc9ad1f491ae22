// TipTap (ProseMirror), installed from npm: the checks read the editor's own document.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'tiptap',
  kind: 'contenteditable',
  path: '/tiptap.html',
  field: '.ProseMirror',
  scroller: '.frame',
  modelText: (page) => page.evaluate(() => window.editor.getText({ blockSeparator: '\n' })),
  // ProseMirror positions count paragraph boundaries; textBetween gives the text offset.
  caret: (page) => page.evaluate(() => window.editor.state.doc.textBetween(0, window.editor.state.selection.head, '\n').length),
});
