// A native-messaging client for the real `redline native`, used by the e2e tests
// to ask the host itself what it suggests for a text, so the tests assert that
// the extension shows exactly the host's suggestions (whatever the model is).

import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The `redline` executable: $REDLINE_BIN, the repo's .venv, or PATH. */
export function redlineBinary(root) {
  if (process.env.REDLINE_BIN) return process.env.REDLINE_BIN;
  const venv = path.join(root, '.venv', 'bin', 'redline');
  if (existsSync(venv)) return venv;
  try {
    return execFileSync('sh', ['-c', 'command -v redline'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export class NativeHost {
  constructor(bin, args = ['native']) {
    this.proc = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.buf = Buffer.alloc(0);
    this.waiting = new Map();
    this.nextId = 1;
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.proc.stdout.on('data', (d) => this.read(d));
    this.exited = new Promise((resolve) => this.proc.on('exit', resolve));
    this.exited.then((code) => {
      for (const w of this.waiting.values()) w({ type: 'error', code: 'exited', message: `redline native exited (${code}): ${this.stderr.slice(-2000)}` });
      this.waiting.clear();
    });
  }

  read(data) {
    this.buf = Buffer.concat([this.buf, data]);
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32LE(0);
      if (this.buf.length < 4 + len) break;
      const msg = JSON.parse(this.buf.subarray(4, 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(4 + len);
      const w = this.waiting.get(msg.id);
      if (w) {
        this.waiting.delete(msg.id);
        w(msg);
      }
    }
  }

  request(body, timeoutMs = 120000) {
    const id = this.nextId++;
    const json = Buffer.from(JSON.stringify({ ...body, id }), 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(json.length, 0);
    this.proc.stdin.write(Buffer.concat([head, json]));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not answer ${body.type} in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiting.set(id, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
    });
  }

  async hello() {
    const reply = await this.request({ type: 'hello', protocol: 1, client: 'redline-e2e' });
    if (reply.type !== 'hello') throw new Error(`host answered ${JSON.stringify(reply)}`);
    return reply;
  }

  /** The host's suggestions for `text` (throws on an error reply). */
  async check(text) {
    const reply = await this.request({ type: 'check', text, language: 'en-US', field: 'e2e-oracle' });
    if (reply.type !== 'result') throw new Error(`host answered ${JSON.stringify(reply)}`);
    return reply.suggestions;
  }

  async close() {
    this.proc.stdin.end();
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
