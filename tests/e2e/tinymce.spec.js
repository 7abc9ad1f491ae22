// TinyMCE 8 in iframe mode, installed from npm: the field is the body of TinyMCE's iframe,
// where the content script of that frame draws; the checks read TinyMCE's own API.
import { editorSuite } from './editor_suite.js';

editorSuite({
  name: 'tinymce',
  kind: 'contenteditable',
  path: '/tinymce.html',
  frame: 'iframe.tox-edit-area__iframe',
  field: 'body#tinymce',
  full: false,
});
