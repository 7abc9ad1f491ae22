import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(ROOT, 'dist', 'chrome');
export const BUILD_DIR = path.join(ROOT, 'dist', 'e2e-pages');
export const PAGES_DIR = path.join(ROOT, 'tests', 'e2e', 'pages');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
