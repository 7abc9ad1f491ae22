import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the Firefox build passes `web-ext lint` with no errors and no warnings', { timeout: 120000 }, () => {
  // execFileSync throws when the build or the lint exits non-zero (web-ext lint does on any error).
  const out = execFileSync(process.execPath, [path.join(ROOT, 'packaging/build_extension.mjs'), '--lint'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(out, /errors\s+0/);
  assert.match(out, /warnings\s+0/);
  const ff = JSON.parse(readFileSync(path.join(ROOT, 'dist/firefox/manifest.json'), 'utf8'));
  assert.equal(ff.key, undefined);
  // An event page in Firefox: the same bundled script, no service_worker key for Firefox to ignore.
  assert.deepEqual(ff.background, { scripts: ['background/service_worker.js'] });
  assert.equal(ff.browser_specific_settings.gecko.id, 'redline@redline.dev');
});

test('the manifest key gives the extension id written in extension/EXTENSION_ID', async () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
  const der = Buffer.from(manifest.key, 'base64');
  const hex = (await import('node:crypto')).createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  assert.equal(id, readFileSync(path.join(ROOT, 'extension/EXTENSION_ID'), 'utf8').trim());
});

test('least permissions: storage and native messaging only, no host permissions', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
  assert.deepEqual([...manifest.permissions].sort(), ['nativeMessaging', 'storage']);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.web_accessible_resources, undefined);
  assert.equal(manifest.externally_connectable, undefined);
});
