// Lexical (rich text + history), installed from npm: the checks read Lexical's editor state.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'lexical',
  kind: 'contenteditable',
  path: '/lexical.html',
  field: '#editor',
  full: false,
});
