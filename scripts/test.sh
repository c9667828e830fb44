#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed".
# Integration tests start their own private PostgreSQL cluster from the installed binaries
# (or use REGISTERS_TEST_CONNECTION when it names a database); browser tests drive the system's Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."

REGISTERS_PG_BIN=$(scripts/ensure-postgres.sh) || exit 1
export REGISTERS_PG_BIN
REGISTERS_CHROMIUM=$(scripts/ensure-chromium.sh) || exit 1
export REGISTERS_CHROMIUM

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test Registers.sln -p:RegistersTrxDirectory="$results" --blame-hang-timeout 10m "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before every result was recorded (build error or crash); counted as one failure." >&2
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
