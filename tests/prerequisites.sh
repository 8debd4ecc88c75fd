#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, when it is missing. Idempotent.
set -euo pipefail

command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (https://dot.net)." >&2; exit 1; }
