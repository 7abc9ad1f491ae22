"""The protocol over a loopback websocket (the app; `redline serve`, serve.py, runs it).

For browsers or setups where native messaging is not available. A websocket opens
only with a loopback Host, an allowed extension Origin and the pairing token
(security.py); a token rotated by `redline token --rotate` closes the sockets that
used the old one. The protocol itself is session.py's, exactly as over native messaging.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import __version__, protocol, security, token_store
from ..engine import Engine
from ..session import Limits, Session

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger("redline.serve")

DEFAULT_PORT = 8734
CLOSE_GOING_AWAY = 1001       # server shutting down, or the socket idled past Settings.idle_timeout_s
CLOSE_TRY_LATER = 1013        # too many connections
CLOSE_WAIT_S = 0.3            # at shutdown, how long peers get to answer the close frame
CLOSE_TOKEN_ROTATED = 4001    # application code: the token this socket used was replaced


@dataclass(frozen=True)
class Settings:
    allowed_origins: frozenset[str]
    max_connections: int = 16
    limits: Limits = field(default_factory=lambda: Limits(max_pending=16, rate=50.0, burst=100))
    token_poll_s: float = 0.5
    idle_timeout_s: float = 300.0  # a socket with no message this long is closed (the extension pings every 20 s)
    heartbeat_s: float = 30.0      # websocket pings: a peer that stops answering is dropped


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
        ws = web.WebSocketResponse(max_msg_size=2 * protocol.MAX_FRAME_BYTES, heartbeat=self.settings.heartbeat_s)
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
            while True:
                try:
                    msg = await ws.receive(timeout=self.settings.idle_timeout_s)
                except TimeoutError:
                    await ws.close(code=CLOSE_GOING_AWAY, message=b"idle")
                    break
                if msg.type == WSMsgType.TEXT:
                    await session.receive(msg.data)
                elif msg.type == WSMsgType.BINARY:
                    await session.refuse("bad_request", "Send JSON in text frames.")
                elif msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    break
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
        async def close(client: _Client) -> None:
            await client.session.close()
            await client.ws.close(code=CLOSE_GOING_AWAY, message=b"server shutdown")

        # A peer that never answers the close frame must not hold the shutdown.
        tasks = [asyncio.create_task(close(c)) for c in list(self.clients)]
        if tasks:
            await asyncio.wait(tasks, timeout=CLOSE_WAIT_S)
