#!/usr/bin/env bash
# Runs the whole test suite and prints one line "N passed, N failed, N skipped".
# Installs what a fresh machine lacks first (see tests/prerequisites.sh). Exit status: non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

bash tests/prerequisites.sh || { echo "0 passed, 1 failed (prerequisites could not be installed)"; exit 1; }

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet build RusSnapshot.sln --configuration Release -warnaserror || status=$?
if [ "$status" -eq 0 ]; then
  # One run per test project, each with its own TRX file (VSTest names shared TRX files by the second).
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --configuration Release --no-build \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" || status=$?
  done
  # The readers again with AVX2 off: their 128-bit vector paths are what the Native AOT release runs (it is compiled for
  # the baseline instruction set), and a machine with AVX2 never takes them otherwise.
  DOTNET_EnableAVX2=0 dotnet test tests/RusSnapshot.Dumps.Tests/RusSnapshot.Dumps.Tests.csproj --configuration Release --no-build \
    --logger "trx;LogFileName=RusSnapshot.Dumps.Tests.NoAvx2.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=$?
fi

# Sum the counters of every TRX file (one per test project).
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | tr '<' '\n' | awk '
    /^Counters / {
      for (i = 1; i <= NF; i++) {
        split($i, kv, "=");
        gsub(/[^0-9]/, "", kv[2]);
        if (kv[1] == "total") t += kv[2];
        if (kv[1] == "executed") e += kv[2];
        if (kv[1] == "passed") p += kv[2];
        if (kv[1] == "failed") f += kv[2];
        if (kv[1] == "error") f += kv[2];
        if (kv[1] == "timeout") f += kv[2];
        if (kv[1] == "aborted") f += kv[2];
      }
    }
    END { printf "%d %d %d\n", p, f, t - e }')   # VSTest counts skipped tests as neither notExecuted nor executed

# The release check (CI=true, or RUSSNAP_RELEASE_CHECK=1): build what a release ships and check it; each check counts
# as one test. A few minutes on two cores, so not on every local run.
if [ "${CI:-}" = "true" ] || [ "${RUSSNAP_RELEASE_CHECK:-}" = "1" ]; then
  release="$(pwd)/artifacts/release"
  if bash scripts/build-release.sh "$release" > "$results/release-build.txt" 2>&1; then
    bash scripts/check-release.sh "$release" | tee "$results/release-check.txt"
    passed=$((passed + $(grep -c '^ok: ' "$results/release-check.txt")))
    failed=$((failed + $(grep -c '^FAILED: ' "$results/release-check.txt")))
  else
    tail -20 "$results/release-build.txt"
    echo "FAILED: scripts/build-release.sh (log: $results/release-build.txt)"
    failed=$((failed + 1))
  fi
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or a test host failed before any test could report
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
