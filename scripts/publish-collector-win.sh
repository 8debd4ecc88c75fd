#!/usr/bin/env bash
# Builds the self-contained single-file Windows build of the collector: artifacts/collector-win-x64/russnap-collect.exe
# (no .NET needed on the customer's machine). Needs the win-x64 runtime pack from NuGet (Microsoft.NETCore.App.Runtime.win-x64
# and Microsoft.NETCore.App.Host.win-x64); where they cannot be restored the publish fails with NU1101/NU1102 and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/collector-win-x64
rm -rf "$out"
dotnet publish src/RusSnapshot.Collector/RusSnapshot.Collector.csproj -c Release -r win-x64 --self-contained true \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -o "$out"
ls -l "$out/russnap-collect.exe"
