#!/usr/bin/env bash
# Builds everything a release ships into one folder (default artifacts/release), with SHA256SUMS:
#   tools/RusSnapshot.Cli.<v>.nupkg, tools/RusSnapshot.Collector.<v>.nupkg   .NET tools (dotnet tool install --add-source tools)
#   linux-x64/russnap, linux-x64/russnap-collect                              self-contained single files (ReadyToRun)
#   win-x64/russnap.exe, win-x64/russnap-collect.exe                          self-contained single files (ReadyToRun)
# Needs the runtime packs of both RIDs from NuGet (Microsoft.NETCore.App.Runtime.*, .Host.*, .Crossgen2.*): where they
# cannot be restored the publish fails with NU1101/NU1102 and says so. scripts/check-release.sh checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/release}"
rm -rf "$out"
mkdir -p "$out/tools"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
quiet=(--nologo -v quiet)

for project in Cli Collector; do
  dotnet pack "src/RusSnapshot.$project/RusSnapshot.$project.csproj" -c Release -o "$out/tools" "${quiet[@]}"
done

for rid in linux-x64 win-x64; do
  for project in Cli Collector; do
    # One file, no .NET needed on the target; ReadyToRun so that a run on a small dump is not all JIT.
    dotnet publish "src/RusSnapshot.$project/RusSnapshot.$project.csproj" -c Release -r "$rid" --self-contained true \
      -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=true \
      -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out/$rid" "${quiet[@]}"
  done
done

(cd "$out" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "release in $out:"
(cd "$out" && cat SHA256SUMS)
