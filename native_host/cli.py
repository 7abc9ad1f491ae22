"""The `redline` console script. Each subcommand lives with the code it drives;
every module below exposes `register(subparsers)`, which adds its parser(s) and
sets `func(args) -> int`. Imports stay light so `redline native` starts fast."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

COMMAND_MODULES = [
    "native_host.commands",                      # check, correct, bench
    "native_host.transports.serve",              # serve (websocket and LanguageTool API)
    "native_host.transports.native_messaging",   # native
    "native_host.install.commands",              # install, uninstall, doctor
    "native_host.token_store",                   # token
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="redline", description="Redline: private, on-device grammar checking.")
    parser.add_argument("--version", action="version", version=f"redline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_parser = sub.add_parser

    def add_described(name, **kwargs):  # `redline CMD --help` says what CMD does, at least in one line
        kwargs.setdefault("description", kwargs.get("help"))
        return add_parser(name, **kwargs)

    sub.add_parser = add_described
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `redline check | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
