"""What every transport shares: the engine's lifetime, logs that never quote a request,
stopping on a signal, and HTTP listeners on the loopback addresses only.

aiohttp is imported only inside `listen_loopback`: `redline native` must start fast.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, NoReturn

from .. import security
from ..engine import Engine
from ..session import checker_from_args

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger("redline.transport")

HEADERS_TIMEOUT_S = 10.0   # a connection must send a whole request this soon (and idles no longer between requests)
BODY_TIMEOUT_S = 10.0      # a request body must arrive this soon
LINGER_S = 1.0             # after an error reply, how long unread request bytes are drained before closing
STOP_TIMEOUT_S = 0.5       # on shutdown, how long a running HTTP handler may take to end

# Loggers of libraries that may put a request line, header, query or body in a message or an
# exception (aiohttp logs a malformed request line at ERROR, with the line in the exception).
_LIBRARY_LOGGERS = ("aiohttp", "aiohttp.access", "aiohttp.client", "aiohttp.internal", "aiohttp.server",
                    "aiohttp.web", "aiohttp.websocket", "asyncio")


class _NoRequestData(logging.Filter):
    """Keeps a library record's level and exception type, drops its message, arguments and
    traceback: those are where a request's bytes would be quoted."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        record.msg = f"{record.name}: {type(exc).__name__ if exc else 'message withheld'} (details are never logged)"
        record.args, record.exc_info, record.exc_text, record.stack_info = None, None, None, None
        return True


def setup_logging(name: str, verbose: bool) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if verbose else logging.WARNING,
                        format=f"redline {name}: %(levelname)s %(message)s")
    quiet_library_logs()


def quiet_library_logs() -> None:
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NoRequestData) for f in logger.filters):
            logger.addFilter(_NoRequestData())


def run_engine(args, main: Callable[[Engine], Awaitable[int | None]], workers: int) -> NoReturn:
    """Run `main(engine)` with the checker `args` ask for (the model starts loading at once),
    then stop every running check, give them STOP_TIMEOUT_S to leave the checker, and end
    the process with main's exit status. It ends at once (os._exit, after flushing the
    logs): the interpreter's normal exit tears ONNX Runtime down while a daemon thread may
    still be in it (a check between two points where it can be interrupted, the idle
    thread handing memory back), and then aborts ("terminate called without an active
    exception", 2 of 8 exits mid-check at ecd5e15)."""
    engine = Engine(lambda: checker_from_args(args), workers=workers)
    engine.start_loading()
    try:
        rc = asyncio.run(main(engine)) or 0
    except KeyboardInterrupt:
        rc = 130
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else 1
    except BaseException:  # noqa: BLE001 - the process ends here either way; say why first
        traceback.print_exc()  # what the interpreter would have printed; os._exit prints nothing
        rc = 1
    finally:
        engine.close()
        engine.wait_idle(STOP_TIMEOUT_S)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(rc)


def on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM (call it before saying the host is listening)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # Windows: fall back to the default handlers
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
    return stop


async def listen_loopback(app: web.Application, port: int) -> tuple[web.AppRunner, int, list[str]]:
    """Serve `app` on 127.0.0.1 and, where the machine has it, ::1, on `port` (0: a free one).
    Returns the runner (cleanup() stops it), the bound port and the host:port pairs.
    OSError when 127.0.0.1 cannot be bound (the port is taken).

    A connection that has not sent a whole request within HEADERS_TIMEOUT_S, or idles that
    long between requests, is closed; a client that goes away cancels its handler."""
    from aiohttp import web

    quiet_library_logs()
    # access_log=None: the request line may hold a token or the user's text.
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=STOP_TIMEOUT_S,
                           keepalive_timeout=HEADERS_TIMEOUT_S, lingering_time=LINGER_S, handler_cancellation=True)
    await runner.setup()
    try:
        await web.TCPSite(runner, security.LISTEN_ADDRESSES[0], port).start()
    except OSError:
        await runner.cleanup()
        raise
    port = runner.addresses[0][1]  # the real port when asked for 0
    hosts = [f"127.0.0.1:{port}"]
    for host in security.LISTEN_ADDRESSES[1:]:
        try:
            await web.TCPSite(runner, host, port).start()
            hosts.append(f"[{host}]:{port}")
        except OSError as e:  # no IPv6 on this machine: IPv4 loopback is enough
            log.warning("not listening on %s: %s", host, e)
    return runner, port, hosts
