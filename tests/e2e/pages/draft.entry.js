// Bundled by the e2e setup into /build/draft.js: a Draft.js editor (React).
// window.model reads Draft's own EditorState, not the DOM.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState } from 'draft-js';
import 'draft-js/dist/Draft.css';

let state = EditorState.createEmpty();
function App() {
  const [editorState, setEditorState] = useState(state);
  state = editorState;
  return h(Editor, { editorState, onChange: setEditorState });
}
window.model = {
  text: () => state.getCurrentContent().getPlainText('\n'),
  caret() {
    const sel = state.getSelection();
    const blocks = state.getCurrentContent().getBlocksAsArray();
    let n = 0;
    for (const b of blocks) {
      if (b.getKey() === sel.getFocusKey()) return n + sel.getFocusOffset();
      n += b.getLength() + 1;
    }
    return null;
  },
};
createRoot(document.querySelector('#root')).render(h(App));
