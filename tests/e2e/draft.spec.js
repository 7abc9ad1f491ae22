// Draft.js (React), installed from npm: the checks read Draft's EditorState.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'draft',
  kind: 'contenteditable',
  path: '/draft.html',
  field: '.public-DraftEditor-content',
  ready: () => window.model && document.querySelector('.public-DraftEditor-content'),
  full: false,
});
