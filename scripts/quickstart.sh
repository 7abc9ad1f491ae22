#!/usr/bin/env bash
# Redline from a fresh clone: install it into a virtual environment, make
# `redline` callable by name, register the native messaging host with the
# browsers found, build the extension, check a sample e-mail with errors, and
# say how to load the extension.
# Needs Python 3.11+ (with venv) and, for the extension, Node 20+.
#   scripts/quickstart.sh              everything
#   scripts/quickstart.sh --host-only  no extension build (the command line and LanguageTool clients only)
set -euo pipefail
cd "$(dirname "$0")/.."

host_only=0
for arg in "$@"; do
  case $arg in
    --host-only) host_only=1 ;;
    *) echo "usage: scripts/quickstart.sh [--host-only]" >&2; exit 2 ;;
  esac
done
VENV=${REDLINE_VENV:-.venv}
SAMPLE=native_host/samples/email.txt
say() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

say "1/6 Python environment ($VENV)"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Redline needs Python 3.11 or newer (python3 is $(python3 --version 2>&1))." >&2; exit 1; }
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" || { echo "Creating the venv failed: sudo apt-get install -y python3-venv" >&2; exit 1; }
fi
VENV=$(cd "$VENV" && pwd)

say "2/6 Installing Redline"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e .
TARGET="$VENV/bin/redline"

say "3/6 Making \`redline\` callable by name"
# A link in the first of these folders that is on PATH (/usr/local/bin for root only);
# if none is, in ~/.local/bin, which Debian's and Ubuntu's ~/.profile put on PATH at login.
REDLINE=$TARGET
dirs=("$HOME/.local/bin" "$HOME/bin")
[[ $(id -u) -eq 0 ]] && dirs+=(/usr/local/bin)
dir=""
for d in "${dirs[@]}"; do
  [[ ":$PATH:" == *":$d:"* ]] && { dir=$d; break; }
done
on_path=1
[[ -n $dir ]] || { dir="$HOME/.local/bin"; on_path=0; }
link="$dir/redline"
if [[ -e $link && ! -L $link ]]; then
  echo "Left $link alone: it is a file, not a link (another Redline installation?)."
  echo "This one runs as $TARGET"
  on_path=0
else
  mkdir -p "$dir"
  if [[ -L $link && $(readlink "$link") == "$TARGET" ]]; then
    echo "$link already links to $TARGET"
  else
    [[ -L $link ]] && echo "Replacing the link $link (it pointed to $(readlink "$link"))."
    ln -sfn "$TARGET" "$link"
    echo "Linked $link -> $TARGET"
  fi
fi
if ((on_path)); then
  found=$(type -P redline || true)
  if [[ -n $found && $(readlink -f "$found") == $(readlink -f "$TARGET") ]]; then
    REDLINE=redline
    echo "\`redline\` now runs this installation ($dir is on your PATH)."
  else
    echo "But \`redline\` on your PATH is $found, which comes before $dir: use $TARGET, or reorder PATH."
  fi
elif [[ -L $link ]]; then
  echo "$dir is not on your PATH in this shell. Open a new login shell (Debian's and Ubuntu's ~/.profile"
  echo "add ~/.local/bin when it exists), or run now:  export PATH=\"$dir:\$PATH\""
fi

say "4/6 Registering the native host with your browsers"
if ! "$TARGET" install; then
  echo "(Nothing registered. After installing a browser, run: $REDLINE install --browser chromium)"
fi

say "5/6 Building the extension"
ext_chrome="" ext_firefox=""
if ((host_only)); then
  echo "Skipped (--host-only)."
elif command -v npm >/dev/null && node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)'; then
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

say "6/6 Checking a sample e-mail ($SAMPLE)"
cat "$SAMPLE"
echo "--- $REDLINE check $SAMPLE ---"
"$TARGET" check "$SAMPLE"

say "Next"
if ((host_only)); then
  echo "The extension was not built; for it: npm ci && npm run build (Node 20+)."
else
  cat <<EOF
Chrome, Chromium, Edge or Brave: open chrome://extensions, turn on Developer mode,
  click "Load unpacked" and choose ${ext_chrome:-dist/chrome (after: npm ci && npm run build)}
Firefox: open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…"
  and choose ${ext_firefox:-dist/firefox (after: npm ci && npm run build)}/manifest.json
Then type in any text field: errors get a red underline; click one for its suggestions.
EOF
fi
echo "Check the setup any time with: $REDLINE doctor"
