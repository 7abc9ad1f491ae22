// One root finder per editor. Every contenteditable editor shares the generic
// adapter; the kind is recorded so behaviour can differ where an editor needs it.

import { TextFieldEditor } from './text_field.js';
import { ContentEditableEditor } from './content_editable.js';

const KINDS = [
  ['prosemirror', '.ProseMirror'],
  ['quill', '.ql-editor'],
  ['lexical', '[data-lexical-editor]'],
  ['ckeditor', '.ck-editor__editable'],
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
  return new ContentEditableEditor(el, kind);
}
