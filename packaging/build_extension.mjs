#!/usr/bin/env node
// Builds the extension from extension/ into dist/:
//   dist/chrome/                 unpacked Chrome/Chromium/Edge build (load this one)
//   dist/redline-chrome-<v>.zip  the same, zipped
//   dist/firefox/                Firefox build (background scripts, gecko id, no `key`)
//   dist/redline-firefox-<v>.zip built and linted by web-ext
// The version is extension/manifest.json's, and only there.
//
//   node packaging/build_extension.mjs                 everything, then `web-ext lint` on the Firefox build
//   node packaging/build_extension.mjs --chrome-only   just dist/chrome (what the e2e tests load)
//   node packaging/build_extension.mjs --lint          Firefox build + lint only
//   node packaging/build_extension.mjs --firefox-only  just dist/firefox (what the Firefox e2e test loads)

import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'extension');
const DIST = path.join(ROOT, 'dist');

// Each entry is bundled into one classic script at the same path, so the manifest
// and the HTML pages name the same files in the source and in the build.
const ENTRIES = [
  'background/service_worker.js',
  'content/content_script.js',
  'popup/popup.js',
  'options/options.js',
];
const STATIC = ['icons', 'popup/popup.html', 'popup/popup.css', 'options/options.html', 'options/options.css', 'shared/page.css'];

async function buildTree(outDir, manifest) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: ENTRIES.map((e) => path.join(SRC, e)),
    outdir: outDir,
    outbase: SRC,
    bundle: true,
    format: 'iife',
    target: ['chrome121', 'firefox128'],
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const item of STATIC) await cp(path.join(SRC, item), path.join(outDir, item), { recursive: true });
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

// extension/manifest.json is the one manifest; each browser's build drops what the other browser's keys are.
function chromeManifest(source) {
  const m = structuredClone(source);
  delete m.browser_specific_settings; // Firefox's id and settings
  return m;
}

function firefoxManifest(source) {
  const m = structuredClone(source);
  delete m.key; // Chrome's fixed id; Firefox's is browser_specific_settings.gecko.id
  delete m.minimum_chrome_version;
  // Firefox runs MV3 backgrounds as event pages (scripts) and ignores service_worker (web-ext lint warns).
  m.background = { scripts: [source.background.service_worker] };
  // data_collection_permissions needs Firefox for Android 142 (desktop 140): say so, or lint warns.
  m.browser_specific_settings.gecko_android = { strict_min_version: '142.0', ...source.browser_specific_settings.gecko_android };
  return m;
}

function webExt(args) {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
  execFileSync(bin, args, { stdio: 'inherit', cwd: ROOT });
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const manifest = JSON.parse(await readFile(path.join(SRC, 'manifest.json'), 'utf8'));
  const version = manifest.version;
  await mkdir(DIST, { recursive: true });

  if (args.has('--firefox-only')) {
    await buildTree(path.join(DIST, 'firefox'), firefoxManifest(manifest));
    console.log(`built dist/firefox (Redline ${version})`);
    return;
  }
  if (!args.has('--lint')) {
    await buildTree(path.join(DIST, 'chrome'), chromeManifest(manifest));
    console.log(`built dist/chrome (Redline ${version})`);
    if (args.has('--chrome-only')) return;
    webExt(['build', '--source-dir', path.join(DIST, 'chrome'), '--artifacts-dir', DIST, '--filename', `redline-chrome-${version}.zip`, '--overwrite-dest']);
  }

  const ff = path.join(DIST, 'firefox');
  await buildTree(ff, firefoxManifest(manifest));
  webExt(['lint', '--source-dir', ff]);
  if (!args.has('--lint')) {
    webExt(['build', '--source-dir', ff, '--artifacts-dir', DIST, '--filename', `redline-firefox-${version}.zip`, '--overwrite-dest']);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
