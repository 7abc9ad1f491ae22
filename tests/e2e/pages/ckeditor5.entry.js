// Bundled by the e2e setup into /build/ckeditor5.js: a real CKEditor 5 ClassicEditor.
// window.model reads CKEditor's own model (not the DOM): paragraphs joined by "\n", the caret as a text offset.
import { ClassicEditor, Essentials, Paragraph } from 'ckeditor5';
import 'ckeditor5/ckeditor5.css';

const blocks = (editor) => [...editor.model.document.getRoot().getChildren()];
const blockText = (block) => [...block.getChildren()].map((n) => n.data ?? '').join('');

ClassicEditor.create(document.querySelector('#editor'), { licenseKey: 'GPL', plugins: [Essentials, Paragraph], toolbar: [] }).then((editor) => {
  window.editor = editor;
  window.model = {
    text: () => blocks(editor).map(blockText).join('\n'),
    caret() {
      const focus = editor.model.document.selection.focus;
      if (!focus) return null;
      const [index, offset] = focus.path;
      return blocks(editor).slice(0, index).reduce((n, b) => n + blockText(b).length + 1, 0) + offset;
    },
  };
});
