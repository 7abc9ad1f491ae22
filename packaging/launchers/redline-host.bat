@echo off
rem Redline native messaging host, written by `redline install`; `redline uninstall` removes it.
rem The browser starts this with the caller's origin as argument and talks to it over stdin/stdout.
@PYTHON@ -m native_host.cli native %*
