// Bundled by the e2e setup into /build/tiptap.js: a real TipTap (ProseMirror) editor.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

window.editor = new Editor({ element: document.querySelector('#editor'), extensions: [StarterKit], content: '' });
