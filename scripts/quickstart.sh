#!/usr/bin/env bash
# Redline from a fresh clone: install it into a virtual environment, register
# the native messaging host with the browsers found, build the extension,
# check a sample e-mail with errors, and say how to load the extension.
# Needs Python 3.11+ (with venv) and, for the extension, Node 20+.
#   scripts/quickstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${REDLINE_VENV:-.venv}
SAMPLE=native_host/samples/email.txt
say() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

say "1/5 Python environment ($VENV)"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Redline needs Python 3.11 or newer (python3 is $(python3 --version 2>&1))." >&2; exit 1; }
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" || { echo "Creating the venv failed: sudo apt-get install -y python3-venv" >&2; exit 1; }
fi

say "2/5 Installing Redline"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e .
REDLINE="$PWD/$VENV/bin/redline"

say "3/5 Registering the native host with your browsers"
if ! "$REDLINE" install; then
  echo "(Nothing registered. After installing a browser, run: $REDLINE install --browser chromium)"
fi

say "4/5 Building the extension"
ext_chrome="" ext_firefox=""
if command -v npm >/dev/null && node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)'; then
  # The unpacked builds only (`npm run build` also zips them for publishing).
  if npm ci --no-audit --no-fund --no-update-notifier --loglevel=error && node packaging/build_extension.mjs --chrome-only; then
    ext_chrome="$PWD/dist/chrome"
    node packaging/build_extension.mjs --lint >/dev/null && ext_firefox="$PWD/dist/firefox"
  else
    echo "Building the extension failed; see the messages above." >&2
  fi
else
  echo "Node 20+ not found: skipping the extension build (install Node 20+, then: npm ci && npm run build)."
fi

say "5/5 Checking a sample e-mail ($SAMPLE)"
cat "$SAMPLE"
echo "--- suggestions ---"
"$REDLINE" check "$SAMPLE"

say "Next: load the extension"
cat <<EOF
Chrome, Chromium, Edge or Brave: open chrome://extensions, turn on Developer mode,
  click "Load unpacked" and choose ${ext_chrome:-dist/chrome (after: npm ci && npm run build)}
Firefox: open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…"
  and choose ${ext_firefox:-dist/firefox (after: npm ci && npm run build)}/manifest.json
Then type in any text field: errors get a red underline; click one for its suggestions.
If nothing happens, run: $REDLINE doctor
EOF
