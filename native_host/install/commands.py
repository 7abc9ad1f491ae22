"""`redline install`, `redline uninstall` and `redline doctor`: parsing and
printing only; the work is in installer.py and doctor.py."""

from __future__ import annotations

import argparse
import sys

from .launcher import redline_command

BROWSER_CHOICES = ("chrome", "chromium", "edge", "brave", "firefox", "all")


def register(subparsers) -> None:
    p = subparsers.add_parser("install", help="register the native messaging host with your browsers",
                              description="Write the launcher and the native messaging host manifest for each "
                                          "browser (default: every browser found), and report what went where.")
    _browser_args(p)
    p.add_argument("--extension-id", action="append", metavar="ID",
                   help="allow this extension id (a Chromium id or a Firefox add-on id) instead of the shipped "
                        "Redline extension's; repeat for several")
    p.set_defaults(func=run_install)

    p = subparsers.add_parser("uninstall", help="remove exactly what `redline install` wrote")
    _browser_args(p)
    p.set_defaults(func=run_uninstall)

    p = subparsers.add_parser("doctor", help="check the model, the browser registrations, the keyring and the port",
                              description="Check, one line each, that the model loads and checks a sample, that "
                                          "the host answers through the installed launcher as a browser starts it, "
                                          "that each browser's manifest is valid, where the websocket token is "
                                          "kept, and that the websocket port is free or Redline's. Every problem "
                                          "comes with its fix; the exit code is 1 when there is one.")
    p.add_argument("--skip-model", action="store_true", help="do not load the model (faster)")
    p.add_argument("--port", type=int, default=None, help="the websocket port to check (default: serve's default)")
    p.set_defaults(func=run_doctor)


def _browser_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--browser", action="append", choices=BROWSER_CHOICES, metavar="NAME",
                   help=f"one of {', '.join(BROWSER_CHOICES)}; repeat for several (default: every browser found)")
    p.add_argument("--system", action="store_true", help="for all users of this computer (needs admin rights)")
    p.add_argument("--user-data-dir", metavar="DIR",
                   help="a Chromium-family browser profile folder started with --user-data-dir=DIR "
                        "(Linux and macOS; e.g. a test profile)")


def run_install(args) -> int:
    from .browsers import HOST_NAME, Machine, resolve
    from .installer import InstallError, install

    machine = Machine.current()
    try:
        browsers = resolve(args.browser, machine)
        if not browsers:
            print("No supported browser found (looked for Chrome, Chromium, Edge, Brave and Firefox).\n"
                  f"Install one, or name it: {redline_command()} install --browser chromium", file=sys.stderr)
            return 1
        lines = install(machine, browsers, system=args.system, user_data_dir=args.user_data_dir,
                        extension_ids=args.extension_id)
    except (InstallError, ValueError) as e:
        print(f"redline install: {e}", file=sys.stderr)
        return 1
    print(f"Registered the Redline host ({HOST_NAME}) for {', '.join(b.title for b in browsers)}:")
    print("\n".join("  " + line for line in lines))
    print(f"Restart the browser if it is running, then load the extension. `{redline_command()} doctor` "
          "checks the setup.")
    return 0


def run_uninstall(args) -> int:
    from .browsers import Machine, resolve
    from .installer import InstallError, uninstall

    machine = Machine.current()
    try:
        browsers = resolve(args.browser, machine) if args.browser else None
        lines = uninstall(machine, browsers, system=args.system, user_data_dir=args.user_data_dir)
    except (InstallError, ValueError) as e:
        print(f"redline uninstall: {e}", file=sys.stderr)
        return 1
    print("\n".join(lines) if lines else "Nothing to remove: the Redline host is not registered here.")
    return 0


def run_doctor(args) -> int:
    from .doctor import run_checks

    return run_checks(load_model=not args.skip_model, port=args.port)
