// The WebExtension API, wrapped once: Firefox's `browser` or Chrome's `chrome`.
// Note for the service worker: it can be evicted at any time, so nothing here
// keeps state; the host connection is re-made on demand.
export const ext = globalThis.browser ?? globalThis.chrome;
