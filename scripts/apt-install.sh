#!/usr/bin/env bash
# Installs Debian packages (as root, or through sudo), without recommends; all output goes to standard error.
# Used by the ensure-*.sh scripts when something the project needs is missing.
set -euo pipefail
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; else
    echo "Not root and no sudo: install $* yourself (apt-get install $*)." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq >&2
$sudo_cmd apt-get install -y -qq --no-install-recommends "$@" >&2
