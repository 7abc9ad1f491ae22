// Bundled by the e2e setup into /build/slate.js: Slate + slate-react + slate-history.
// window.model reads Slate's own value (editor.children), not the DOM.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditor, Node } from 'slate';
import { Slate, Editable, withReact } from 'slate-react';
import { withHistory } from 'slate-history';

const editor = withHistory(withReact(createEditor()));
const initialValue = [{ type: 'paragraph', children: [{ text: '' }] }];
window.editor = editor;
window.model = {
  text: () => editor.children.map((n) => Node.string(n)).join('\n'),
  caret() {
    const focus = editor.selection?.focus;
    if (!focus) return null;
    const [block, leaf] = focus.path;
    const before = editor.children.slice(0, block).reduce((n, b) => n + Node.string(b).length + 1, 0);
    const inBlock = editor.children[block].children.slice(0, leaf).reduce((n, l) => n + Node.string(l).length, 0);
    return before + inBlock + focus.offset;
  },
};
createRoot(document.querySelector('#root')).render(h(Slate, { editor, initialValue }, h(Editable, { className: 'slate-editor' })));
