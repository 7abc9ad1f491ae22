#!/bin/sh
# Redline native messaging host, written by `redline install`; `redline uninstall` removes it.
# The browser starts this program with the caller's identity as arguments
# (Chromium: the extension's origin; Firefox: the manifest path and add-on id)
# and talks to it over stdin/stdout. It runs the Python that Redline was installed into.
exec @PYTHON@ -m native_host.cli native "$@"
