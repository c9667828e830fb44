#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries (initdb, pg_ctl) are on this machine, installing Debian's
# package when they are not. Prints the folder that holds them. Never starts or touches a cluster.
set -euo pipefail

find_bin() {
  if [ -n "${REGISTERS_PG_BIN:-}" ] && [ -x "$REGISTERS_PG_BIN/initdb" ]; then echo "$REGISTERS_PG_BIN"; return 0; fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

if bin=$(find_bin); then echo "$bin"; exit 0; fi

echo "PostgreSQL server binaries not found; installing Debian's postgresql package." >&2
# The package's own cluster is not wanted: the project runs private ones (set REGISTERS_PG_BIN to use other binaries).
"$(dirname "$0")/apt-install.sh" postgresql
bin=$(find_bin) || { echo "Installed postgresql, but initdb is still missing." >&2; exit 1; }
echo "$bin"
