#!/usr/bin/env bash
# Regenerates Wolverine's endpoint code into src/Registers.Server/Internal/Generated.
# Run it after adding or changing a Wolverine endpoint; the server loads only pre-generated code.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Registers.Server/Internal/Generated
# Wolverine writes below the content root, which is the built server's folder unless named: name the project's.
ASPNETCORE_CONTENTROOT="$PWD/src/Registers.Server" dotnet run --project src/Registers.Server -- codegen write
