#!/usr/bin/env bash
# Run a command with a working OS keyring on a headless Linux machine (CI, a
# server): a private D-Bus session bus and an unlocked gnome-keyring on it, so
# `keyring` finds a real Secret Service backend. Where a session bus already
# exists (a desktop), or gnome-keyring is not installed, the command runs as is.
#   scripts/with-keyring.sh pytest
set -euo pipefail

if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" && -z "${REDLINE_KEYRING_WRAPPED:-}" ]] \
    && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export REDLINE_KEYRING_WRAPPED=1
  exec dbus-run-session -- "$0" "$@"
fi

if [[ -n "${REDLINE_KEYRING_WRAPPED:-}" ]]; then
  # A throwaway keyring (in a throwaway folder), unlocked with a fixed password.
  keyring_home=$(mktemp -d -t redline-keyring.XXXXXX)
  eval "$(printf 'redline-test' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
fi
exec "$@"
