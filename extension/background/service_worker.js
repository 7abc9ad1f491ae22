// The service worker: one HostClient, one router, and the wiring to the browser.
// It can be evicted at any time; the connection is re-made on the next request.

import { ext } from '../shared/ext.js';
import { loadSettings } from '../shared/settings.js';
import { HostClient, nativeTransport, websocketTransport } from './host_client.js';
import { createRouter } from './router.js';

const client = new HostClient({
  version: ext.runtime.getManifest().version,
  getSettings: () => loadSettings(ext.storage.local),
  openTransport: (settings, handlers) =>
    settings.transport === 'websocket'
      ? websocketTransport(WebSocket, { port: settings.wsPort, token: settings.wsToken }, handlers)
      : nativeTransport(ext.runtime, handlers),
});

const handleMessage = createRouter({
  client,
  storage: ext.storage.local,
  runtimeId: ext.runtime.id,
  extensionOrigin: ext.runtime.getURL(''),
  // A streamed check's paragraphs go back to the frame that asked (no "tabs" permission needed).
  notify: (sender, message) => ext.tabs.sendMessage(sender.tab.id, message, { frameId: sender.frameId ?? 0 }).catch?.(() => {}),
});

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  handleMessage(msg, sender).then(sendResponse, (e) => sendResponse({ ok: false, code: 'internal', message: String(e?.message ?? e) }));
  return true; // answered asynchronously
});

ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && ('transport' in changes || 'wsPort' in changes || 'wsToken' in changes)) client.reconnect();
});

// Show the host's state on the toolbar icon: nothing when fine, "!" when it needs attention.
client.onStatus((status) => {
  const bad = ['missing', 'forbidden', 'unauthorized', 'unreachable', 'error'].includes(status.state);
  ext.action.setBadgeText({ text: bad ? '!' : '' }).catch?.(() => {});
  if (bad) ext.action.setBadgeBackgroundColor({ color: '#e5484d' }).catch?.(() => {});
  ext.action.setTitle({ title: bad ? `Redline: ${status.message}` : 'Redline' }).catch?.(() => {});
});
