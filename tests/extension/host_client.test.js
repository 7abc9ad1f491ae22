import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostClient, describeFailure } from '../../extension/background/host_client.js';
import { createRouter } from '../../extension/background/router.js';

/** A transport that answers like the host, driven by the test. */
function fakeHost({ refuse = null, answer = true, capabilities = ['check'], partials = () => [] } = {}) {
  const host = { opened: 0, sent: [], transports: [] };
  host.open = (settings, handlers) => {
    host.opened++;
    if (refuse) {
      queueMicrotask(() => handlers.onClose(refuse));
      return { send() {}, close() {} };
    }
    const t = {
      handlers,
      send(msg) {
        host.sent.push(msg);
        if (!answer) return;
        queueMicrotask(() => {
          if (msg.type === 'hello') handlers.onMessage({ id: msg.id, type: 'hello', protocol: 1, host_version: '0.1.0', model: 'tiny', capabilities, limits: { max_text_chars: 50 }, transport: 'native' });
          else if (msg.type === 'check') for (const p of msg.partial ? partials(msg) : []) handlers.onMessage({ id: msg.id, type: 'partial', ...p });
          if (msg.type === 'check') handlers.onMessage({ id: msg.id, type: 'result', suggestions: [{ start: 3, end: 5, text: msg.text.slice(3, 5), replacements: ['goes'], category: 'grammar', message: 'm' }], elapsed_ms: 1, truncated: false });
        });
      },
      close() {},
    };
    host.transports.push(t);
    return t;
  };
  return host;
}

function client(host, clock = { t: 0 }) {
  return new HostClient({
    version: '0.1.0',
    getSettings: async () => ({ transport: 'native' }),
    openTransport: host.open,
    now: () => clock.t,
  });
}

test('hello first, then checks; replies are matched by id', async () => {
  const host = fakeHost();
  const c = client(host);
  const reply = await c.check('He go home.', 'f1');
  assert.equal(host.sent[0].type, 'hello');
  assert.equal(host.sent[0].protocol, 2);
  assert.equal(host.sent[1].partial, undefined); // nobody asked for partial results
  assert.equal(host.sent[1].type, 'check');
  assert.equal(host.sent[1].field, 'f1');
  assert.equal(reply.suggestions[0].replacements[0], 'goes');
  assert.equal(c.status.state, 'connected');
  assert.equal(c.status.model, 'tiny');
});

test('replies out of order reach the right requests; errors become HostError codes', async () => {
  const host = fakeHost({ answer: false });
  const c = client(host);
  const hello = c.connect();
  await new Promise((r) => setTimeout(r, 0));
  const t = host.transports[0];
  t.handlers.onMessage({ id: host.sent[0].id, type: 'hello', protocol: 1 });
  await hello;
  const a = c.check('first', 'f');
  const b = c.check('second', 'f');
  await new Promise((r) => setTimeout(r, 0));
  const [ma, mb] = host.sent.slice(1);
  t.handlers.onMessage({ id: mb.id, type: 'result', suggestions: [] });
  t.handlers.onMessage({ id: ma.id, type: 'error', code: 'superseded', message: 'newer check' });
  assert.deepEqual((await b).suggestions, []);
  await assert.rejects(a, (e) => e.code === 'superseded');
});

test('a missing host says how to fix it, and retries only after a backoff', async () => {
  const host = fakeHost({ refuse: 'Specified native messaging host not found.' });
  const clock = { t: 1000 };
  const c = client(host, clock);
  await assert.rejects(c.check('x', 'f'), (e) => e.code === 'unavailable');
  assert.equal(c.status.state, 'missing');
  assert.match(c.status.message, /redline install/);
  // Within the backoff no new host process is started.
  await assert.rejects(c.check('x', 'f'), (e) => e.code === 'unavailable');
  assert.equal(host.opened, 1);
  clock.t += 600;
  await assert.rejects(c.check('x', 'f'));
  assert.equal(host.opened, 2);
  assert.ok(c.status.retry_in_ms >= 1000); // doubled
  c.deps.clearTimeout(c.retryTimer);
});

test('when the host exits, pending requests fail and the next request reconnects', async () => {
  const host = fakeHost({ answer: true });
  const clock = { t: 0 };
  const c = client(host, clock);
  await c.connect();
  host.transports[0].send = (msg) => host.sent.push(msg); // stop answering
  const p = c.check('x', 'f');
  await new Promise((r) => setTimeout(r, 0));
  host.transports[0].handlers.onClose('Native host has exited.');
  await assert.rejects(p, (e) => e.code === 'unavailable');
  assert.equal(c.status.state, 'error');
  clearTimeout(c.retryTimer);
  clock.t += 10000;
  const reply = await c.check('He go home.', 'f');
  assert.equal(reply.type, 'result');
  assert.equal(host.opened, 2);
});

test('failure messages per transport', () => {
  assert.equal(describeFailure('native', 'Access to the specified native messaging host is forbidden.').state, 'forbidden');
  // Firefox: the same words for a missing host and for one that does not allow the add-on.
  const firefox = describeFailure('native', 'No such native application com.redline.host');
  assert.equal(firefox.state, 'missing');
  assert.match(firefox.message, /redline install/);
  assert.equal(describeFailure('websocket', 'unauthorized').state, 'unauthorized');
  assert.match(describeFailure('websocket', 'websocket closed (1006)').message, /redline serve/);
});

function memoryStorage() {
  const data = {};
  return {
    data,
    async get(keys) {
      return Object.fromEntries((keys ?? Object.keys(data)).filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(obj) {
      Object.assign(data, structuredClone(obj));
    },
  };
}

test('router: checks are validated, keyed per tab and frame; privileged messages need an extension page', async () => {
  const host = fakeHost();
  const c = client(host);
  const storage = memoryStorage();
  const route = createRouter({ client: c, storage, runtimeId: 'me', extensionOrigin: 'chrome-extension://me/' });
  const tab = { id: 7, url: 'https://mail.example.com/inbox' };
  const fromPage = { id: 'me', tab, frameId: 2, url: tab.url };

  const ok = await route({ type: 'check', text: 'He go home.', field: '3' }, fromPage);
  assert.equal(ok.ok, true);
  assert.equal(ok.suggestions[0].text, 'go');
  assert.equal(host.sent.at(-1).field, '7:2:3');

  const tooLong = await route({ type: 'check', text: 'x'.repeat(51) }, fromPage);
  assert.equal(tooLong.code, 'too_large');

  assert.equal((await route({ type: 'reconnect' }, fromPage)).code, 'bad_request');
  assert.equal((await route({ type: 'check', text: 'x' }, { id: 'other', tab })).code, 'bad_request');
  assert.equal((await route({ type: 'nope' }, fromPage)).code, 'bad_request');

  // The site turned off is the sender's, whatever the message says.
  await route({ type: 'disable-site', site: 'evil.example' }, fromPage);
  assert.deepEqual(storage.data.disabledSites, ['mail.example.com']);
  const status = await route({ type: 'status' }, fromPage);
  assert.equal(status.site, 'mail.example.com');
  assert.equal(status.siteEnabled, false);

  await route({ type: 'add-word', word: 'Redline' }, fromPage);
  assert.equal((await route({ type: 'add-word', word: 'two words' }, fromPage)).ok, false);
  assert.deepEqual(storage.data.dictionary, ['Redline']);
  await route({ type: 'ignore', entry: { key: 'k', text: 'go', replacement: 'goes' } }, fromPage);
  await route({ type: 'ignore', entry: { key: 'k', text: 'go', replacement: 'goes' } }, fromPage);
  assert.equal(storage.data.ignored.length, 1);

  const page = { id: 'me', url: 'chrome-extension://me/options/options.html' };
  const rec = await route({ type: 'reconnect' }, page);
  assert.equal(rec.ok, true);
  assert.equal(rec.status.state, 'connected');
});

const GO = (text, at) => ({ start: at, end: at + 2, text: text.slice(at, at + 2), replacements: ['goes'], category: 'grammar', message: 'm' });

test('a host that streams answers a check a paragraph at a time, then with the whole result', async () => {
  const text = 'He go.\nWe go.';
  const host = fakeHost({
    capabilities: ['check', 'cancel', 'ping', 'partial'],
    partials: (msg) => [{ start: 7, end: 13, suggestions: [GO(msg.text, 10)] }, { start: 0, end: 7, suggestions: [GO(msg.text, 3)] }],
  });
  const c = client(host);
  const got = [];
  const reply = await c.check(text, 'f', 'en-US', { first: [[9, 9]], onPartial: (p) => got.push(p) });
  assert.equal(c.streams, true);
  assert.equal(host.sent[1].partial, true);
  assert.deepEqual(host.sent[1].first, [[9, 9]]);
  assert.deepEqual(got.map((p) => [p.start, p.end, p.suggestions[0].start]), [[7, 13, 10], [0, 7, 3]]);
  assert.equal(reply.type, 'result');
  assert.equal(c.pending.size, 0);
});

test('a version-1 host is never asked for partial results', async () => {
  const host = fakeHost({ partials: () => assert.fail('no partial from a version-1 host') });
  const c = client(host);
  const got = [];
  await c.check('He go.\nWe go.', 'f', 'en-US', { first: [[0, 1]], onPartial: (p) => got.push(p) });
  assert.equal(c.streams, false);
  assert.equal(host.sent[1].partial, undefined);
  assert.equal(host.sent[1].first, undefined);
  assert.deepEqual(got, []);
});

test('router: a streamed check sends each validated paragraph to the frame that asked, and only to it', async () => {
  const text = 'He go.\nWe go.';
  const host = fakeHost({
    capabilities: ['check', 'partial'],
    partials: (msg) => [
      { start: 7, end: 13, suggestions: [GO(msg.text, 10), { ...GO(msg.text, 10), text: 'xx' }] }, // a span that reads otherwise is dropped
      { start: 0, end: 99, suggestions: [] }, // outside the text: dropped
      { start: 0, end: 7, suggestions: [GO(msg.text, 3)] },
    ],
  });
  const c = client(host);
  const notes = [];
  const route = createRouter({ client: c, storage: memoryStorage(), runtimeId: 'me', extensionOrigin: 'chrome-extension://me/', notify: (to, m) => notes.push([to.tab.id, to.frameId, m]) });
  const fromPage = { id: 'me', tab: { id: 7, url: 'https://mail.example.com/' }, frameId: 2, url: 'https://mail.example.com/' };
  const reply = await route({ type: 'check', text, field: '3', stream: 5, first: [[9, 9], [0, 99], 'x'] }, fromPage);
  assert.equal(reply.ok, true);
  assert.equal(reply.streams, true);
  assert.deepEqual(host.sent.at(-1).first, [[9, 9]]);
  assert.deepEqual(notes.map(([tab, frame, m]) => [tab, frame, m.type, m.stream, m.start, m.end, m.suggestions.map((s) => s.start)]), [
    [7, 2, 'partial', 5, 7, 13, [10]],
    [7, 2, 'partial', 5, 0, 7, [3]],
  ]);
  // Without a stream number (the popup, an older content script) nothing is pushed.
  notes.length = 0;
  await route({ type: 'check', text, field: '3' }, fromPage);
  assert.equal(host.sent.at(-1).partial, undefined);
  assert.deepEqual(notes, []);
});
