"""`redline serve`: the protocol over a loopback websocket (app factory, lifecycle).

For browsers or setups where native messaging is not available. Listens on
127.0.0.1 and ::1 only. A websocket opens only with a loopback Host, an
allowed extension Origin and the pairing token (security.py); a token rotated
by `redline token --rotate` closes the sockets that used the old one. The
protocol itself is session.py's, exactly as over native messaging.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import __version__, protocol, security, token_store
from ..session import Engine, Limits, Session, checker_from_args
from . import languagetool_api

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger("redline.serve")

DEFAULT_PORT = 8734
CLOSE_GOING_AWAY = 1001       # server shutting down
CLOSE_TRY_LATER = 1013        # too many connections
CLOSE_TOKEN_ROTATED = 4001    # application code: the token this socket used was replaced


@dataclass(frozen=True)
class Settings:
    allowed_origins: frozenset[str]
    max_connections: int = 16
    limits: Limits = field(default_factory=lambda: Limits(max_pending=16, rate=50.0, burst=100))
    token_poll_s: float = 0.5


class TokenGate:
    """The current token, re-read only when token_store's stamp file changes,
    so checking it on every connection costs one stat."""

    def __init__(self) -> None:
        self._stamp: object = object()
        self._token = ""

    def current(self) -> str:
        stamp = token_store.stamp()
        if stamp != self._stamp or not self._token:
            self._token = token_store.get_token()
            self._stamp = token_store.stamp()
        return self._token


@dataclass(eq=False)  # kept in a set, by identity
class _Client:
    token: str
    session: Session
    ws: web.WebSocketResponse


class Server:
    """The app's state and handlers. aiohttp is imported when the app is built,
    not when the CLI loads this module: `redline native` must start fast."""

    def __init__(self, engine: Engine, settings: Settings, gate: TokenGate | None = None):
        self.engine, self.settings = engine, settings
        self.gate = gate or TokenGate()
        self.clients: set[_Client] = set()

    def app(self) -> web.Application:
        from aiohttp import web

        @web.middleware
        async def loopback_host_only(request: web.Request, handler):
            # DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
            if not security.host_is_loopback(request.host):
                raise web.HTTPForbidden(text="Host must be a loopback name (127.0.0.1, localhost or [::1]).\n")
            return await handler(request)

        app = web.Application(middlewares=[loopback_host_only], client_max_size=4096)
        app.router.add_get("/ws", self.websocket)
        app.router.add_get("/health", self.health)
        app.cleanup_ctx.append(self._drop_stale_tokens)
        app.on_shutdown.append(self._close_sockets)
        return app

    async def health(self, request: web.Request) -> web.Response:
        from aiohttp import web
        origin = request.headers.get("Origin")
        if origin and not security.origin_allowed(origin, self.settings.allowed_origins):
            raise web.HTTPForbidden(text="Origin not allowed.\n")
        body = {"status": "ok", "service": "redline", "version": __version__,
                "protocol": protocol.PROTOCOL_VERSION, "model": self.engine.model_name,
                "model_state": self.engine.state, "connections": len(self.clients)}
        headers = {"Access-Control-Allow-Origin": origin} if origin else {}
        return web.json_response(body, headers=headers)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import WSMsgType, web
        if not security.origin_allowed(request.headers.get("Origin"), self.settings.allowed_origins):
            raise web.HTTPForbidden(text="Origin not allowed: add the extension's origin with --allow-origin.\n")
        token = request.query.get("token")
        if not security.token_matches(token, self.gate.current()):
            raise web.HTTPUnauthorized(text="Missing or wrong pairing token: see `redline token`.\n")

        # aiohttp closes with 1009 past twice our limit; between the two, the client gets `too_large`.
        ws = web.WebSocketResponse(max_msg_size=2 * protocol.MAX_FRAME_BYTES, heartbeat=30.0)
        await ws.prepare(request)
        send_lock = asyncio.Lock()

        async def write(payload: bytes) -> None:
            async with send_lock:
                await ws.send_str(payload.decode("utf-8"))

        session = Session(self.engine, write, transport="websocket", limits=self.settings.limits)
        if len(self.clients) >= self.settings.max_connections:
            await session.refuse("busy", f"Too many connections (at most {self.settings.max_connections}).")
            await session.close()
            await ws.close(code=CLOSE_TRY_LATER, message=b"busy")
            return ws
        client = _Client(token, session, ws)
        self.clients.add(client)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await session.receive(msg.data)
                elif msg.type == WSMsgType.BINARY:
                    await session.refuse("bad_request", "Send JSON in text frames.")
        finally:
            self.clients.discard(client)
            await session.close()
        return ws

    async def _drop_stale_tokens(self, app: web.Application):
        """Close the sockets whose token `redline token --rotate` replaced."""

        async def watch() -> None:
            while True:
                await asyncio.sleep(self.settings.token_poll_s)
                try:
                    current = self.gate.current()
                except Exception as e:  # keyring briefly unreachable: keep the sockets, try again
                    log.warning("could not read the token: %s", e)
                    continue
                for client in [c for c in self.clients if c.token != current]:
                    self.clients.discard(client)
                    await client.session.refuse("unauthorized", "The pairing token was rotated; pair again.")
                    await client.session.close()
                    await client.ws.close(code=CLOSE_TOKEN_ROTATED, message=b"token rotated")

        task = asyncio.create_task(watch())
        yield
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async def _close_sockets(self, app: web.Application) -> None:
        for client in list(self.clients):
            await client.session.close()
            await client.ws.close(code=CLOSE_GOING_AWAY, message=b"server shutdown")


async def serve(app: web.Application, port: int, lt: languagetool_api.Listener | None = None) -> None:
    """Listen on loopback until SIGINT or SIGTERM, then close every socket and return.
    `lt`, the LanguageTool-compatible API, starts after the websocket, on its own port."""
    from aiohttp import web
    # access_log=None: the request line holds the token in its query string.
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.TCPSite(runner, security.LISTEN_ADDRESSES[0], port).start()
        port = runner.addresses[0][1]  # the real port when asked for 0
        urls = [f"ws://127.0.0.1:{port}/ws"]
        for host in security.LISTEN_ADDRESSES[1:]:
            try:
                await web.TCPSite(runner, host, port).start()
                urls.append(f"ws://[{host}]:{port}/ws")
            except OSError as e:  # no IPv6 on this machine: IPv4 loopback is enough
                log.warning("not listening on %s: %s", host, e)
        print(f"redline serve: listening on {' and '.join(urls)} (pid {os.getpid()})", file=sys.stderr, flush=True)
        if lt is not None:
            await lt.start()  # a taken port is reported there; the websocket serves on

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except NotImplementedError:  # Windows: fall back to the default handlers
                signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
        await stop.wait()
        print("redline serve: shutting down", file=sys.stderr, flush=True)
    finally:
        if lt is not None:
            await lt.stop()
        await runner.cleanup()


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="redline serve: %(levelname)s %(message)s")
    try:
        origins = security.load_allowed_origins(args.allow_origin, defaults=not args.no_default_origin)
    except ValueError as e:
        print(f"redline serve: {e}", file=sys.stderr)
        return 2
    if not origins:
        log.warning("no extension origin is allowed, so every websocket will be refused: "
                    "pass --allow-origin chrome-extension://<id> or list origins in %s",
                    token_store.config_dir() / security.ALLOWLIST_FILE)
    log.info("allowed origins: %s", ", ".join(sorted(origins)))
    gate = TokenGate()
    try:
        gate.current()  # create the token on first run, so `redline token` can show it
    except (RuntimeError, OSError) as e:
        print(f"redline serve: cannot read or create the pairing token: {e}", file=sys.stderr)
        return 1
    engine = Engine(lambda: checker_from_args(args), workers=args.workers)
    engine.start_loading()
    settings = Settings(origins, max_connections=args.max_connections,
                        limits=Limits(max_pending=args.max_pending, rate=args.rate, burst=args.burst))
    try:
        asyncio.run(serve(Server(engine, settings, gate).app(), args.port,
                          languagetool_api.listener(args, engine, origins)))
    except OSError as e:
        print(f"redline serve: cannot listen on port {args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    finally:
        engine.close()
    return 0



def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="serve the extension over a loopback websocket")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"TCP port on 127.0.0.1 and ::1 (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                   help="extension origin allowed to connect, e.g. chrome-extension://<id> (repeatable)")
    p.add_argument("--no-default-origin", action="store_true",
                   help="do not allow the shipped Chromium extension unless listed (e.g. a self-built one)")
    p.add_argument("--model-dir", default=None, help="model directory (default: the installed model)")
    p.add_argument("--threads", type=int, default=1, help="ONNX Runtime threads per check (default 1)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="checks run at once (default: up to 2)")
    p.add_argument("--max-connections", type=int, default=16, help="open websockets at most (default 16)")
    p.add_argument("--max-pending", type=int, default=16,
                   help="checks queued or running per connection (default 16)")
    p.add_argument("--rate", type=float, default=50.0, help="requests per second per connection (default 50)")
    p.add_argument("--burst", type=int, default=100,
                   help="requests allowed at once before --rate applies (default 100)")
    p.add_argument("--verbose", action="store_true", help="log at debug level (never the text or the token)")
    languagetool_api.add_arguments(p)
    p.set_defaults(func=_run)
