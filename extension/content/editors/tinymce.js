// TinyMCE (iframe and inline mode). Its undo manager records typing as one
// pending level that it closes only on certain events; an edit made while that
// level is open would be undone together with everything typed since. TinyMCE
// closes the level on an `input` of type insertReplacementText (what the
// browser's spell checker sends), so one is sent before the edit (the typing
// becomes its own level) and one after (the edit becomes the next level): one
// Ctrl+Z then restores exactly the text before the accept.

import { ContentEditableEditor } from './content_editable.js';

export const TINYMCE_SELECTOR = '.mce-content-body';

export class TinyMceEditor extends ContentEditableEditor {
  constructor(root) {
    super(root, 'tinymce');
  }

  beforeEdit() {
    this.closeUndoLevel();
  }

  afterEdit() {
    this.closeUndoLevel();
  }

  closeUndoLevel() {
    this.element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: null }));
  }
}
