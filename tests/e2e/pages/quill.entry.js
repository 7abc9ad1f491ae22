// Bundled by the e2e setup into /build/quill.js: a real Quill 2 editor.
import Quill from 'quill';

window.quill = new Quill('#editor', { theme: 'snow' });
