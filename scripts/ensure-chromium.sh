#!/usr/bin/env bash
# Makes sure a Chromium is on this machine for the browser tests, installing Debian's chromium package when
# none is. Prints the browser's path. The tests drive it with Playwright; nothing is downloaded from elsewhere.
set -euo pipefail

find_browser() {
  if [ -n "${REGISTERS_CHROMIUM:-}" ] && [ -x "$REGISTERS_CHROMIUM" ]; then echo "$REGISTERS_CHROMIUM"; return 0; fi
  local name
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if browser=$(find_browser); then echo "$browser"; exit 0; fi

echo "Chromium not found; installing Debian's chromium package." >&2
"$(dirname "$0")/apt-install.sh" chromium # or set REGISTERS_CHROMIUM to a browser of your own
browser=$(find_browser) || { echo "Installed chromium, but no chromium command is on PATH." >&2; exit 1; }
echo "$browser"
