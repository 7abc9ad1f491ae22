"""`redline serve`: the websocket (websocket_server.py) and, beside it on a port of its own,
the LanguageTool-compatible API (languagetool_api.py), both on 127.0.0.1 and ::1 only,
sharing one engine. Stops within a second of SIGINT or SIGTERM, running checks included.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import security, token_store
from ..engine import Engine
from ..session import Limits
from . import languagetool_api
from .runner import listen_loopback, on_signals, run_engine, setup_logging
from .websocket_server import DEFAULT_PORT, Server, Settings, TokenGate


def _say(message: str) -> None:
    print(f"redline serve: {message}", file=sys.stderr, flush=True)


async def serve(engine: Engine, server: Server, port: int, lt_api: languagetool_api.LanguageToolApi | None,
                lt_port: int) -> int:
    """Listen until SIGINT or SIGTERM. A taken LanguageTool port is reported and skipped:
    the websocket serves on."""
    stop = on_signals()
    try:
        ws_runner, port, hosts = await listen_loopback(server.app(), port)
    except OSError as e:
        _say(f"cannot listen on port {port}: {e.strerror or e}")
        return 1
    _say(f"listening on {' and '.join(f'ws://{h}/ws' for h in hosts)} (pid {os.getpid()})")
    lt_runner = None
    if lt_api is not None:
        try:
            lt_runner, lt_port, hosts = await listen_loopback(lt_api.app(), lt_port)
            _say(f"LanguageTool API on {' and '.join(f'http://{h}/v2' for h in hosts)} "
                 "(no token: loopback only; --no-lt-api turns it off)")
        except OSError as e:
            _say(f"LanguageTool API not started: cannot listen on port {lt_port} ({e.strerror or e}); "
                 "pass --lt-port PORT, or --no-lt-api")
    try:
        await stop.wait()
        _say("shutting down")
    finally:
        engine.close()  # running checks stop now; the runners' handlers then end at once
        if lt_runner is not None:
            await lt_runner.cleanup()
        await ws_runner.cleanup()
    return 0


def _run(args: argparse.Namespace) -> int:
    setup_logging("serve", args.verbose)
    try:
        origins = security.load_allowed_origins(args.allow_origin, defaults=not args.no_default_origin)
    except security.BadOrigin as e:
        _say(str(e))
        return 2
    if not origins:
        _say("no extension origin is allowed, so every websocket will be refused: pass --allow-origin "
             f"chrome-extension://<id> or list origins in {token_store.config_dir() / security.ALLOWLIST_FILE}")
    gate = TokenGate()
    try:
        gate.current()  # create the token on first run, so `redline token` can show it
    except (RuntimeError, OSError) as e:
        _say(f"cannot read or create the pairing token: {e}")
        return 1
    settings = Settings(origins, max_connections=args.max_connections,
                        limits=Limits(max_pending=args.max_pending, rate=args.rate, burst=args.burst))

    async def main(engine: Engine) -> int:
        lt_api = None if args.no_lt_api else languagetool_api.LanguageToolApi(engine, origins)
        return await serve(engine, Server(engine, settings, gate), args.port, lt_api, args.lt_port)

    return run_engine(args, main, workers=args.workers)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="serve the extension over a loopback websocket, and the LanguageTool API")
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
    p.add_argument("--lt-port", type=int, default=languagetool_api.DEFAULT_PORT,
                   help=f"port of the LanguageTool-compatible HTTP API (default {languagetool_api.DEFAULT_PORT}; "
                        "0 picks a free one)")
    p.add_argument("--no-lt-api", action="store_true",
                   help="do not serve the LanguageTool-compatible HTTP API (it takes no token)")
    p.add_argument("--verbose", action="store_true", help="log at debug level (never the text or the token)")
    p.set_defaults(func=_run)
