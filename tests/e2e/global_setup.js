// Before the e2e tests: bundle the real editors' test pages (TipTap, Quill) from
// node_modules, and check that the extension was built.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, BUILD_DIR } from './paths.js';

export default async function globalSetup() {
  if (!existsSync(path.join(ROOT, 'dist', 'chrome', 'manifest.json'))) {
    throw new Error('dist/chrome is missing: run `npm run build` (or `npm run e2e`, which builds it) first');
  }
  await build({
    entryPoints: { tiptap: path.join(ROOT, 'tests/e2e/pages/tiptap.entry.js'), quill: path.join(ROOT, 'tests/e2e/pages/quill.entry.js') },
    outdir: BUILD_DIR,
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  });
}
