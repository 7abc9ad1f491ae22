// One root finder per editor. Every contenteditable editor shares the generic
// adapter (content_editable.js: beforeinput, then the browser's editing command,
// each read back); an editor family gets its own small file only where the
// generic one is not enough (tinymce.js: its undo levels).

import { TextFieldEditor } from './text_field.js';
import { ContentEditableEditor } from './content_editable.js';
import { TinyMceEditor, TINYMCE_SELECTOR } from './tinymce.js';

const KINDS = [
  ['prosemirror', '.ProseMirror'],
  ['quill', '.ql-editor'],
  ['lexical', '[data-lexical-editor]'],
  ['ckeditor', '.ck-editor__editable'],
  ['slate', '[data-slate-editor]'],
  ['draft', '.public-DraftEditor-content'],
  ['tinymce', TINYMCE_SELECTOR],
  ['gmail', '[g_editable="true"], div[aria-label="Message Body"]'],
];

export function editorKind(el) {
  if (el.localName === 'textarea') return 'textarea';
  if (el.localName === 'input') return 'input';
  for (const [kind, selector] of KINDS) if (el.matches(selector)) return kind;
  return 'contenteditable';
}

export function createEditor(el, overlayRoot) {
  const kind = editorKind(el);
  if (kind === 'textarea' || kind === 'input') return new TextFieldEditor(el, overlayRoot);
  if (kind === 'tinymce') return new TinyMceEditor(el);
  return new ContentEditableEditor(el, kind);
}
