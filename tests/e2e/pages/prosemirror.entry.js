// Bundled by the e2e setup into /build/prosemirror.js: ProseMirror with prosemirror-example-setup
// (keymaps, input rules, history). window.model reads ProseMirror's own document, not the DOM.
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { schema } from 'prosemirror-schema-basic';
import { exampleSetup } from 'prosemirror-example-setup';
import 'prosemirror-view/style/prosemirror.css';

const view = new EditorView(document.querySelector('#editor'), {
  state: EditorState.create({ schema, plugins: exampleSetup({ schema, menuBar: false }) }),
});
window.view = view;
window.model = {
  text: () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n'),
  caret: () => view.state.doc.textBetween(0, view.state.selection.head, '\n').length,
};
