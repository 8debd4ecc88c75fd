#!/usr/bin/env bash
# Builds everything a release ships into one folder (default artifacts/release), with SHA256SUMS:
#   tools/RusSnapshot.Cli.<v>.nupkg, tools/RusSnapshot.Collector.<v>.nupkg   .NET tools (dotnet tool install --add-source tools)
#   linux-x64/russnap                                                         Native AOT: one native file, no .NET, no JIT
#   linux-x64/russnap-collect                                                 self-contained single file (ReadyToRun)
#   win-x64/russnap.exe, win-x64/russnap-collect.exe                          self-contained single files (ReadyToRun)
# Native AOT compiles only for the OS it runs on, so the Windows analyzer is ReadyToRun; it needs gcc or clang as the
# linker (the machine's toolchain) and the ILCompiler packages from NuGet (the SDK names their version).
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

single_file() { # project rid: one file, no .NET needed on the target; ReadyToRun so that a run on a small dump is not all JIT
  dotnet publish "src/RusSnapshot.$1/RusSnapshot.$1.csproj" -c Release -r "$2" --self-contained true \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=true \
    -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out/$2" "${quiet[@]}"
}

# The analyzer on Linux: Native AOT starts in milliseconds (the sample's analysis is almost all start-up under a JIT)
# and needs half the memory; tests/benchmarks/startup.sh measures both against the ReadyToRun build. The compiler's
# default instruction set keeps it running on old x86-64 servers (x86-64-v3, AVX2, was measured no faster: RESULTS.md).
dotnet publish src/RusSnapshot.Cli/RusSnapshot.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true \
  -p:DebugType=none -p:StripSymbols=true -p:GenerateDocumentationFile=false -o "$out/linux-x64" "${quiet[@]}"
single_file Collector linux-x64
single_file Cli win-x64
single_file Collector win-x64

(cd "$out" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "release in $out:"
(cd "$out" && cat SHA256SUMS)
