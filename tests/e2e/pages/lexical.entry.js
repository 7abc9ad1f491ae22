// Bundled by the e2e setup into /build/lexical.js: Lexical with rich text and history.
// window.model reads Lexical's own editor state, not the DOM.
import { createEditor, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { registerRichText, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { registerHistory, createEmptyHistoryState } from '@lexical/history';

const editor = createEditor({ namespace: 'e2e', nodes: [HeadingNode, QuoteNode], onError: (e) => console.error(e) });
editor.setRootElement(document.querySelector('#editor'));
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
window.editor = editor;
window.model = {
  text: () => editor.getEditorState().read(() => $getRoot().getChildren().map((b) => b.getTextContent()).join('\n')),
  caret: () =>
    editor.getEditorState().read(() => {
      const sel = $getSelection();
      if (!$isRangeSelection(sel)) return null;
      const key = sel.focus.getNode().getKey();
      let n = 0;
      for (const block of $getRoot().getChildren()) {
        for (const t of block.getAllTextNodes?.() ?? []) {
          if (t.getKey() === key) return n + sel.focus.offset;
          n += t.getTextContentSize();
        }
        if (block.getKey() === key) return n; // an element point: the block's start (empty block)
        n += 1;
      }
      return null;
    }),
};
