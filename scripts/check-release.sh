#!/usr/bin/env bash
# Checks what scripts/build-release.sh made (default artifacts/release): the checksums, --version (version and commit),
# the .NET tool installed from the package folder, and the linux-x64 executable's reports of the bundled sample against
# the approved ones (fixtures/sample-report/), the support cases and the rule catalog with the linux-x64 executable.
# Prints one line per check; exit status non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
release="${1:-artifacts/release}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
check() { if "$@"; then echo "ok: $name"; else echo "FAILED: $name"; failed=1; fi; }

name="SHA256SUMS match the files"
check bash -c "cd '$release' && sha256sum --quiet -c SHA256SUMS"

commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
name="linux-x64 russnap --version names the version and commit $commit"
check bash -c "'$release/linux-x64/russnap' --version | grep -q -- '+$commit'"

name="linux-x64 russnap-collect --version names the version and commit"
check bash -c "'$release/linux-x64/russnap-collect' --version | grep -q -- '+$commit'"

name="linux-x64 russnap reports the bundled sample as approved (md, json, html)"
compare() {
  "$release/linux-x64/russnap" analyze fixtures/sample -o "$work/sample" --timestamp 2026-01-01T00:00:00Z >/dev/null
  [ $? -le 1 ] || return 1
  for ext in md json html; do
    cmp -s "$work/sample/russnap-report.$ext" "fixtures/sample-report/russnap-report.verified.$ext" \
      || { echo "  differs: russnap-report.$ext" >&2; return 1; }
  done
}
check compare

name="linux-x64 russnap passes every support case (fixtures/cases: every reader, YAML, the three reports)"
check bash -c "'$release/linux-x64/russnap' case check fixtures/cases >/dev/null"

name="the russnap .NET tool installs from the package folder and runs"
tool() {
  dotnet tool install RusSnapshot.Cli --add-source "$release/tools" --tool-path "$work/tool" >/dev/null \
    && "$work/tool/russnap" --version | grep -q -- '+'
}
check tool

# The Native AOT executable finds its rules by reflection over a trimmed assembly: it must list the same catalog as the
# .NET tool, which runs on the JIT with nothing trimmed.
name="linux-x64 russnap has the same rule catalog as the .NET tool"
catalog() {
  "$release/linux-x64/russnap" rules --format json > "$work/rules-native.json" \
    && "$work/tool/russnap" rules --format json > "$work/rules-tool.json" \
    && cmp -s "$work/rules-native.json" "$work/rules-tool.json" \
    && grep -q RSN2001 "$work/rules-native.json"
}
check catalog

name="the windows executables are PE files"
check bash -c "head -c 2 '$release/win-x64/russnap.exe' | grep -q MZ && head -c 2 '$release/win-x64/russnap-collect.exe' | grep -q MZ"

exit $failed
