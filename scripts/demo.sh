#!/usr/bin/env bash
# Runs the register server on its own private PostgreSQL (installing Debian's PostgreSQL package
# first if it is missing). Data, the log key and the admin key live in .data/ at the top of the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
REGISTERS_PG_BIN=$(scripts/ensure-postgres.sh)
export REGISTERS_PG_BIN
exec dotnet run --project src/Registers.Server -c Release -- "$@"
