// The only code that talks to the Redline host. It owns one connection (native
// messaging by default, or a websocket), says hello, matches replies to requests
// by id, reconnects with backoff when the host goes away, and keeps a status the
// popup and content scripts can show, including the fix when the host is missing.

import {
  HostError, INSTALL_HINT, NATIVE_HOST_NAME, helloRequest, checkRequest, cancelRequest, pingRequest,
} from '../shared/protocol.js';

const HELLO_TIMEOUT_MS = 10000;
const CHECK_TIMEOUT_MS = 90000; // the first check may wait for the model to load
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 30000;
const KEEPALIVE_MS = 20000;

/** A transport: {send(obj), close()}, calling onMessage(obj) and onClose(reason) once. */
export function nativeTransport(runtime, { onMessage, onClose }) {
  const port = runtime.connectNative(NATIVE_HOST_NAME);
  let closed = false;
  port.onMessage.addListener((msg) => onMessage(msg));
  port.onDisconnect.addListener((p) => {
    closed = true;
    onClose(p?.error?.message ?? runtime.lastError?.message ?? 'Native host has exited.');
  });
  return {
    kind: 'native',
    send(obj) {
      if (!closed) port.postMessage(obj);
    },
    close() {
      closed = true;
      port.disconnect();
    },
  };
}

export function websocketTransport(WebSocketImpl, { port, token }, { onMessage, onClose }) {
  const url = `ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`;
  const ws = new WebSocketImpl(url);
  const queue = [];
  let done = false;
  const finish = (reason) => {
    if (done) return;
    done = true;
    onClose(reason);
  };
  ws.onopen = () => {
    for (const m of queue.splice(0)) ws.send(m);
  };
  ws.onmessage = (e) => {
    try {
      onMessage(JSON.parse(e.data));
    } catch {
      // not JSON: ignore
    }
  };
  ws.onerror = () => finish(`websocket error (ws://127.0.0.1:${port})`);
  ws.onclose = (e) => finish(e.code === 4001 ? 'unauthorized' : `websocket closed (${e.code})`); // 4001: token rotated (PROTOCOL.md)
  return {
    kind: 'websocket',
    send(obj) {
      const data = JSON.stringify(obj);
      if (ws.readyState === 1) ws.send(data);
      else queue.push(data);
    },
    close() {
      done = true;
      ws.close();
    },
  };
}

/** What a failure means for a person, and how to fix it. */
export function describeFailure(transportKind, reason) {
  const r = String(reason ?? '');
  if (transportKind === 'native') {
    if (/not found/i.test(r)) {
      return { state: 'missing', message: `Redline host not found. ${INSTALL_HINT}` };
    }
    // Firefox says this both when no manifest is registered and when the registered one does not
    // list this add-on in allowed_extensions; `redline install` fixes either.
    if (/no such native application/i.test(r)) {
      return { state: 'missing', message: `Redline host not found, or not registered for this browser. ${INSTALL_HINT}` };
    }
    if (/forbidden/i.test(r)) {
      return { state: 'forbidden', message: 'The Redline host does not allow this extension. Run `redline install` again.' };
    }
    return { state: 'error', message: `The Redline host stopped (${r}). Retrying; run \`redline doctor\` if this persists.` };
  }
  if (/unauthorized/i.test(r)) {
    return { state: 'unauthorized', message: 'The host refused the token. Copy it from `redline token` into Redline’s options.' };
  }
  return { state: 'unreachable', message: 'Cannot reach the Redline host over websocket. Start it with `redline serve`, or switch to native messaging in the options.' };
}

export class HostClient {
  /**
   * deps: {version, getSettings() -> Promise<settings>, openTransport(settings, handlers) -> transport,
   *        now?, setTimeout?, clearTimeout?}
   */
  constructor(deps) {
    this.deps = {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms), // unbound: browsers refuse setTimeout called on another object
      clearTimeout: (t) => clearTimeout(t),
      ...deps,
    };
    this.transport = null;
    this.connecting = null;
    this.pending = new Map();
    this.nextId = 1;
    this.failures = 0;
    this.retryAt = 0;
    this.retryTimer = 0;
    this.keepalive = 0;
    this.status = { state: 'disconnected', transport: null, message: '' };
    this.listeners = new Set();
  }

  onStatus(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  setStatus(patch) {
    this.status = { ...this.status, ...patch };
    for (const fn of this.listeners) fn(this.status);
  }

  /** Connect if needed. Rejects with HostError('unavailable') while the host is down and the backoff runs. */
  async connect({ force = false } = {}) {
    if (this.transport && this.status.state === 'connected') return;
    if (this.connecting) return this.connecting;
    if (!force && this.deps.now() < this.retryAt) throw new HostError('unavailable', this.status.message);
    this.connecting = this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async open() {
    const settings = await this.deps.getSettings();
    const kind = settings.transport;
    this.setStatus({ state: 'connecting', transport: kind, message: '' });
    let helloId;
    let hello;
    const helloReply = new Promise((resolve, reject) => {
      hello = { resolve, reject };
    });
    let transport;
    try {
      transport = this.deps.openTransport(settings, {
        onMessage: (msg) => this.receive(transport, msg, helloId, hello),
        onClose: (reason) => this.closed(transport, kind, reason, hello),
      });
    } catch (e) {
      this.failed(kind, e?.message ?? String(e));
      throw new HostError('unavailable', this.status.message);
    }
    this.transport = transport;
    helloId = this.nextId++;
    transport.send(helloRequest(helloId, this.deps.version));
    const timer = this.deps.setTimeout(() => hello.reject(new Error('the host did not answer hello')), HELLO_TIMEOUT_MS);
    try {
      const reply = await helloReply;
      this.failures = 0;
      this.retryAt = 0;
      this.setStatus({
        state: 'connected',
        transport: reply.transport ?? kind,
        host_version: reply.host_version,
        model: reply.model,
        protocol: reply.protocol,
        capabilities: reply.capabilities ?? [],
        limits: reply.limits ?? null,
        message: '',
      });
      this.startKeepalive(kind);
    } catch (e) {
      if (this.transport === transport) {
        this.transport = null;
        transport.close();
        this.failed(kind, e?.message ?? String(e));
      }
      throw new HostError(e?.code === 'unauthorized' ? 'unauthorized' : 'unavailable', this.status.message);
    } finally {
      this.deps.clearTimeout(timer);
    }
  }

  receive(transport, msg, helloId, hello) {
    if (transport !== this.transport || !msg || typeof msg !== 'object') return;
    if (msg.id === helloId) {
      if (msg.type === 'hello') hello.resolve(msg);
      else hello.reject(new HostError(msg.code ?? 'internal', msg.message ?? 'hello failed'));
      return;
    }
    const waiter = this.pending.get(msg.id);
    if (!waiter) return; // an answer nobody waits for any more (timed out, or cancelled)
    if (msg.type === 'partial') {
      // A paragraph of a streamed check (PROTOCOL.md, "Partial results"); the result follows.
      try {
        waiter.onPartial?.(msg);
      } catch {
        // the listener's problem; the check goes on
      }
      return;
    }
    this.pending.delete(msg.id);
    this.deps.clearTimeout(waiter.timer);
    if (msg.type === 'error') waiter.reject(new HostError(msg.code ?? 'internal', msg.message));
    else waiter.resolve(msg);
  }

  closed(transport, kind, reason, hello) {
    if (transport !== this.transport) return;
    this.transport = null;
    this.stopKeepalive();
    hello.reject(new HostError(/unauthorized/i.test(reason) ? 'unauthorized' : 'unavailable', reason));
    this.failed(kind, reason);
    for (const [id, waiter] of this.pending) {
      this.deps.clearTimeout(waiter.timer);
      waiter.reject(new HostError('unavailable', this.status.message));
      this.pending.delete(id);
    }
    // The host restarted or went away: try again after the backoff.
    this.deps.clearTimeout(this.retryTimer);
    this.retryTimer = this.deps.setTimeout(() => this.connect().catch(() => {}), this.retryAt - this.deps.now());
  }

  failed(kind, reason) {
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** this.failures);
    this.failures++;
    this.retryAt = this.deps.now() + delay;
    this.setStatus({ ...describeFailure(kind, reason), transport: kind, retry_in_ms: delay });
  }

  startKeepalive(kind) {
    this.stopKeepalive();
    // A websocket does not keep an MV3 service worker alive by itself; a ping every 20 s does.
    if (kind === 'websocket') {
      this.keepalive = setInterval(() => this.request({ type: 'ping' }, 5000).catch(() => {}), KEEPALIVE_MS);
    }
  }

  stopKeepalive() {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = 0;
  }

  /** Send a request (without id) and wait for its reply; `onPartial(msg)` gets its `partial` messages. Rejects with HostError. */
  async request(body, timeoutMs = CHECK_TIMEOUT_MS, onPartial = null) {
    await this.connect();
    const id = this.nextId++;
    const transport = this.transport;
    return new Promise((resolve, reject) => {
      const timer = this.deps.setTimeout(() => {
        this.pending.delete(id);
        transport?.send(cancelRequest(this.nextId++, id));
        reject(new HostError('unavailable', 'The Redline host did not answer in time.'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, onPartial });
      transport.send({ ...body, id });
    });
  }

  /** Whether the host answers a check a paragraph at a time (protocol 2's `partial`). */
  get streams() {
    return this.status.state === 'connected' && (this.status.capabilities ?? []).includes('partial');
  }

  /**
   * Check `text`. With `onPartial`, a host that streams answers each paragraph as it is checked,
   * those touching the `first` ranges first; the promise still resolves with the whole result.
   */
  async check(text, field, language, { first = [], onPartial = null } = {}) {
    await this.connect();
    const partial = Boolean(onPartial) && this.streams;
    // request() assigns the id
    return this.request(checkRequest(0, text, { field, language, partial, first }), CHECK_TIMEOUT_MS, partial ? onPartial : null);
  }

  ping() {
    return this.request(pingRequest(0), 5000);
  }

  /** Drop the connection and connect again now (settings changed, or the user asked). */
  async reconnect() {
    this.failures = 0;
    this.retryAt = 0;
    const old = this.transport;
    this.transport = null;
    this.stopKeepalive();
    old?.close();
    for (const [id, waiter] of this.pending) {
      this.deps.clearTimeout(waiter.timer);
      waiter.reject(new HostError('unavailable', 'reconnecting'));
      this.pending.delete(id);
    }
    this.setStatus({ state: 'disconnected', message: '' });
    try {
      await this.connect({ force: true });
    } catch {
      // status says why
    }
    return this.status;
  }
}
