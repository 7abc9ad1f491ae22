#!/usr/bin/env bash
# Every Redline test, from a fresh clone: installs what the tests need, then runs
#   1. Python:      pytest (host, installer, packaging, model recipe)
#   2. JavaScript:  npm test (extension unit tests)
#   3. Browser:     npm run e2e (Playwright in Debian's Chromium, extension + real host)
# Needs Python 3.11+ and Node 20+; system packages come from apt-get (as root, or with sudo).
# Each suite runs even if an earlier one failed; the exit code is non-zero if any failed.
#   scripts/test.sh              everything
#   scripts/test.sh -m 'not packaging'   extra arguments go to pytest
#   scripts/test.sh --python-only [pytest arguments]   pytest alone (no npm, no browser)
set -uo pipefail
cd "$(dirname "$0")/.."

python_only=0
[[ ${1:-} == --python-only ]] && { python_only=1; shift; }

VENV=${REDLINE_VENV:-.venv}
mapfile -t APT_PACKAGES < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's/[[:space:]]//g' scripts/apt-packages.txt)

say() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
failed=()
skipped=()
skip() { printf '\n!!!!!!!! SKIPPED: %s !!!!!!!!\n' "$*" >&2; skipped+=("$*"); }

# --- what the tests need --------------------------------------------------------
say "system packages: ${APT_PACKAGES[*]}"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || { echo "Could not install ${missing[*]}: run   sudo apt-get install -y ${missing[*]}" >&2; exit 1; }
else
  echo "all present"
fi

say "Python environment: $VENV"
python3 -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
  || { echo "Redline needs Python 3.11 or newer" >&2; exit 1; }
[[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" \
  || { echo "python3 -m venv failed: install python3-venv (sudo apt-get install -y python3-venv)" >&2; exit 1; }
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]" || exit 1

have_js=0
if ((python_only)); then
  echo "(--python-only: no npm packages, JavaScript or browser tests)"
elif [[ -f package.json ]]; then
  say "npm packages"
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' \
    || { echo "Redline's extension tools need Node 20 or newer" >&2; exit 1; }
  if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund || exit 1; else npm install --no-audit --no-fund || exit 1; fi
  have_js=1
else
  skip "no package.json yet: the JavaScript and browser tests do not exist yet"
fi

# --- the tests --------------------------------------------------------------------
say "1. Python tests (pytest)"
# -rs: every skip with its reason in the summary; the log is read back to explain them.
pytest_log=$(mktemp)
trap 'rm -f "$pytest_log"' EXIT
color=(); [[ -t 1 ]] && color=(--color=yes)
scripts/with-keyring.sh "$VENV/bin/python" -m pytest -rs "${color[@]}" "$@" 2>&1 | tee "$pytest_log"
rc=${PIPESTATUS[0]}
if [[ $rc -eq 5 ]]; then echo "pytest collected no tests: that counts as a failure" >&2; failed+=("pytest (no tests)")
elif [[ $rc -ne 0 ]]; then failed+=("pytest")
fi
skip_lines() {  # "SKIPPED [3] tests/x.py:12: reason", colours removed
  sed 's/\x1b\[[0-9;]*m//g' "$pytest_log" | grep -E '^SKIPPED \[[0-9]+\]'; }
sum_counts() { sed -E 's/^SKIPPED \[([0-9]+)\].*/\1/' | awk '{n += $1} END {print n + 0}'; }
shared_skips=$(skip_lines | grep -F '../shared' | sum_counts)
other_skips=$(skip_lines | grep -vF '../shared' | sum_counts)
skip_notes=()
((shared_skips)) && skip_notes+=("pytest: $shared_skips skipped because ../shared/data is not present. Expected on a fresh clone: those tests measure the model on the development and evaluation sets, which live beside the repository, not in it.")
((other_skips)) && skip_notes+=("pytest: $other_skips skipped for other reasons: see the SKIPPED lines above.")

if ((have_js)); then
  say "2. JavaScript unit tests (npm test)"
  npm test || failed+=("npm test")
  say "3. Browser end-to-end tests (npm run e2e)"
  if grep -q '"e2e"' package.json && [[ -f tests/e2e/playwright.config.js ]]; then
    # The e2e tests start the real host: put this venv's `redline` first on PATH.
    PATH="$PWD/$VENV/bin:$PATH" scripts/with-keyring.sh npm run e2e || failed+=("npm run e2e")
  else
    skip "the browser e2e tests (npm run e2e, tests/e2e/playwright.config.js) do not exist yet"
  fi
fi

say "summary"
for s in "${skipped[@]}"; do echo "SKIPPED: $s"; done
for s in "${skip_notes[@]}"; do echo "$s"; done
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All test suites passed."
