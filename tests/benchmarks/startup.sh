#!/usr/bin/env bash
# Start-up and throughput of the ways russnap ships, timed in the same run (issue 15, item 4):
#   native   linux-x64 Native AOT executable (what scripts/build-release.sh ships for Linux)
#   r2r      linux-x64 self-contained single file, ReadyToRun (what the Windows build is; built here for Linux)
#   tool     framework-dependent build on the JIT (what `dotnet tool install` and `dotnet run` run)
# For each: `--version` and `analyze` of the bundled sample (whole process, wall clock, best and median of N interleaved
# rounds); with a big dump also `validate` and `analyze` of it (best of 3, with peak memory).
#
# usage: tests/benchmarks/startup.sh [--rounds N] [--dump FILE]
# The builds go to a temporary folder; nothing in the repository changes. Figures: tests/benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=15
dump=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --dump) dump="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--dump FILE]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
quiet=(--nologo -v quiet -p:DebugType=none -p:GenerateDocumentationFile=false)
cli=src/RusSnapshot.Cli/RusSnapshot.Cli.csproj
echo "building (Release) into $work ..." >&2
dotnet publish "$cli" -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=true -o "$work/native" "${quiet[@]}" >&2
dotnet publish "$cli" -c Release -r linux-x64 --self-contained true -p:PublishSingleFile=true \
  -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=true -o "$work/r2r" "${quiet[@]}" >&2
dotnet publish "$cli" -c Release -o "$work/tool" "${quiet[@]}" >&2

kinds=(native r2r tool)
now() { date +%s%N; }

# One timing in milliseconds of "$@" (output discarded; exit 1 is the sample's findings, not a failure).
time_ms() {
  local t0 t1 rc
  t0=$(now)
  "$@" >/dev/null 2>&1 && rc=0 || rc=$?
  t1=$(now)
  [ "$rc" -le 1 ] || { echo "failed ($rc): $*" >&2; exit 1; }
  echo $(( (t1 - t0) / 1000000 ))
}

stats() { # best and median of the numbers on stdin
  sort -n | awk '{v[NR]=$1} END {printf "%d ms best, %d ms median (n=%d)", v[1], v[int((NR+1)/2)], NR}'
}

for kind in "${kinds[@]}"; do : >"$work/$kind.version"; : >"$work/$kind.sample"; done
for ((i = 0; i < rounds; i++)); do
  for kind in "${kinds[@]}"; do
    exe="$work/$kind/russnap"
    time_ms "$exe" --version >>"$work/$kind.version"
    time_ms "$exe" analyze fixtures/sample -o "$work/out-$kind" --timestamp 2026-01-01T00:00:00Z >>"$work/$kind.sample"
  done
done

echo "Machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Tools: .NET $(dotnet --version)"
printf '%-8s %-34s %s\n' build "--version" "analyze fixtures/sample (349 entries, 3 reports)"
for kind in "${kinds[@]}"; do
  printf '%-8s %-34s %s\n' "$kind" "$(stats <"$work/$kind.version")" "$(stats <"$work/$kind.sample")"
done

# The three builds must write the same reports.
for kind in r2r tool; do
  for ext in md json html; do
    cmp -s "$work/out-native/russnap-report.$ext" "$work/out-$kind/russnap-report.$ext" \
      || { echo "reports differ: native and $kind, russnap-report.$ext" >&2; exit 1; }
  done
done
echo "reports: identical across the three builds"

if [ -n "$dump" ]; then
  echo
  echo "$(basename "$dump"), $(( $(stat -c %s "$dump") / 1000000 )) MB: best of 3 interleaved, wall s / peak MB"
  for cmd in validate analyze; do
    for kind in "${kinds[@]}"; do : >"$work/$kind.$cmd"; done
    for ((i = 0; i < 3; i++)); do
      for kind in "${kinds[@]}"; do
        args=("$cmd" "$dump"); [ "$cmd" = analyze ] && args+=(-o "$work/big-$kind")
        /usr/bin/time -f "%e %M" -o "$work/t" "$work/$kind/russnap" "${args[@]}" >/dev/null 2>&1 || [ $? -le 1 ]
        cat "$work/t" >>"$work/$kind.$cmd"
      done
    done
    for kind in "${kinds[@]}"; do
      sort -n "$work/$kind.$cmd" | head -1 | awk -v k="$kind" -v c="$cmd" '{printf "%-8s %-9s %6.2f s %6d MB\n", k, c, $1, $2 / 1024}'
    done
  done
fi
