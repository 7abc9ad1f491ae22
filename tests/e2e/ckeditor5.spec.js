// CKEditor 5 (ClassicEditor), installed from npm: the checks read CKEditor's own model.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'ckeditor5',
  kind: 'contenteditable',
  path: '/ckeditor5.html',
  field: '.ck-editor__editable',
  full: false,
});
