// A static file server on localhost for the test pages and the editors' bundles.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, BUILD_DIR, PAGES_DIR } from './paths.js';

const ROUTES = [
  ['/build/', BUILD_DIR],
  ['/vendor/quill/', path.join(ROOT, 'node_modules', 'quill', 'dist')],
  ['/vendor/tinymce/', path.join(ROOT, 'node_modules', 'tinymce')],
  ['/', PAGES_DIR],
];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

export async function startServer() {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const [prefix, dir] = ROUTES.find(([p]) => url.pathname.startsWith(p));
    const file = path.join(dir, path.normalize(url.pathname.slice(prefix.length)).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
