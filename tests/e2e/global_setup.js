// Before the e2e tests: bundle the real editors' test pages (pages/*.entry.js: TipTap,
// Quill, CKEditor 5, Slate, Lexical, Draft.js, ProseMirror) from node_modules, and check
// that the extension was built. TinyMCE is served from node_modules as it ships.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, BUILD_DIR, PAGES_DIR } from './paths.js';

export default async function globalSetup() {
  if (!existsSync(path.join(ROOT, 'dist', 'chrome', 'manifest.json'))) {
    throw new Error('dist/chrome is missing: run `npm run build` (or `npm run e2e`, which builds it) first');
  }
  await bundlePages();
}

/** Bundle pages/*.entry.js into dist/e2e-pages (also used by the Firefox test, tests/e2e/firefox). */
export async function bundlePages() {
  await build({
    entryPoints: Object.fromEntries(
      readdirSync(PAGES_DIR)
        .filter((f) => f.endsWith('.entry.js'))
        .map((f) => [f.slice(0, -'.entry.js'.length), path.join(PAGES_DIR, f)]),
    ),
    outdir: BUILD_DIR,
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' }, // React and Draft.js expect them
  });
}
