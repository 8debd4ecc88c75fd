#!/usr/bin/env bash
# Reader benchmark (DESIGN.md section 7): generates dumps of 100,000 and 1,000,000 entries with russnap-synth (ldifde
# LDIF in UTF-8, and in other shapes; csvde CSV in UTF-8 and in Windows-1252), then times, on the same file with the
# page cache warm, each reader as a whole process from start to exit, all interleaved: each round runs every reader
# once, and the best of the rounds is kept. The readers: cat, wc -l, russnap validate, russnap analyze (all three
# reports), readbench reader (LdifReader alone); the references the targets are ratios to: the managed floor (readbench
# lines: a C# Span.IndexOf line scan that parses nothing, one thread), CsvHelper 34 handing out every field as a span
# (readbench csvhelper, CSV only) and OpenLDAP slapadd -u (LDIF only); and the slow peers (python-ldap, Perl Net::LDAP,
# Python csv). Peers that are not installed are skipped and named. Prints a Markdown table: wall time, MB/s, entries/s,
# max RSS, the load average before the best run, and each reader's speed as a ratio to the references of the same file
# timed in the same run (2.0x: twice as fast); then the growth from the smallest to the largest size.
#
# Usage: tests/benchmarks/run.sh [--sizes "100000 1000000"] [--kinds "ldifde csvde csvde-ansi ldifde-u adexplorer"] [--repeat N]
#                               [--skip-slow-peers] [--baseline DIR] [--dir DIR]
#   --kinds             which dumps: ldifde (UTF-8), csvde (UTF-8), csvde-ansi (Windows-1252, csvde without -u),
#                       ldifde-u (UTF-16LE with BOM, ldifde -u), adexplorer (an AD Explorer snapshot of the whole forest,
#                       read by positioned reads); shapes the generator does not make by default:
#                       ldifde-longdn (DN values of 230-320 bytes, folded 3-4 times), ldifde-b64 (a fifth of the text
#                       values base64), ldifde-groups (groups of 5,000 members), ldifde-reversed (each entry's values in
#                       reverse order), ldifde-lf (LF line ends), ldifde-shapes (all five at once), csvde-shapes
#                       (long DNs and groups of 5,000); the peers read the UTF-8 LDIF and the CSVs
#   --repeat N          rounds over the fast readers, best wall time kept (default 3); python and Perl run once
#   --skip-slow-peers   skip python-ldap, Net::LDAP and Python csv on dumps over 500 MB (they take minutes)
#   --baseline DIR      also time DIR/russnap (another build, e.g. of main) in the same rounds: before/after figures
#   --dir DIR           where dumps and builds go (default /tmp/russnap-bench; needs about 13 GB, more with shapes)
# Needs: .NET SDK 10 and GNU time (/usr/bin/time); optional peers from Debian: python3-ldap libnet-ldap-perl slapd.
# Every build and every timed run holds /tmp/rs-build.lock, so that runs on a shared machine do not overlap.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZES="100000 1000000"
REPEAT=3
SKIP_SLOW=0
KINDS="ldifde csvde csvde-ansi ldifde-u adexplorer"
DIR=/tmp/russnap-bench
BASELINE=""
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --skip-slow-peers) SKIP_SLOW=1; shift ;;
    --kinds) KINDS=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

LOCK=/tmp/rs-build.lock
PY=/usr/bin/python3           # Debian's python, which has python3-ldap
TIME=/usr/bin/time
for tool in "$TIME" dotnet; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install time)" >&2; exit 1; }
done
HAVE_PYLDAP=0; HAVE_PERL=0; HAVE_SLAPADD=0; HAVE_PY=0; MISSING=""
[ -x "$PY" ] && HAVE_PY=1 || MISSING="$MISSING python3"
[ "$HAVE_PY" = 1 ] && "$PY" -c 'import ldif' 2>/dev/null && HAVE_PYLDAP=1 || MISSING="$MISSING python3-ldap"
perl -MNet::LDAP::LDIF -e 1 2>/dev/null && HAVE_PERL=1 || MISSING="$MISSING libnet-ldap-perl"
command -v slapadd >/dev/null && HAVE_SLAPADD=1 || MISSING="$MISSING slapd"
[ -n "$MISSING" ] && echo "not installed, so not measured:$MISSING" >&2
if [ -n "$BASELINE" ] && [ ! -x "$BASELINE/russnap" ]; then echo "no $BASELINE/russnap" >&2; exit 1; fi

mkdir -p "$DIR"
BIN="$DIR/bin"
LOG="$DIR/log"
mkdir -p "$LOG"

# ---------------------------------------------------------------- builds (Release, published)
for project in src/RusSnapshot.Cli src/RusSnapshot.Synth tests/benchmarks/ReadBench; do
  name=$(basename "$project")
  flock "$LOCK" dotnet publish "$ROOT/$project" -c Release -o "$BIN/$name" --nologo -v quiet >"$LOG/publish-$name.txt" 2>&1 \
    || { cat "$LOG/publish-$name.txt" >&2; exit 1; }
done
RUSSNAP="$BIN/RusSnapshot.Cli/russnap"
SYNTH="$BIN/RusSnapshot.Synth/russnap-synth"
READBENCH="$BIN/ReadBench/readbench"

# slapadd needs a configuration; -s turns schema checking off so that AD/Exchange attributes need no schema,
# -u is a dry run (parse and check, write nothing), -q skips what a dry run does not need anyway.
SLAPDIR="$DIR/slapd"
mkdir -p "$SLAPDIR/db"
cat >"$SLAPDIR/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10737418240
suffix "dc=test"
directory $SLAPDIR/db
CONF

PY_STREAM='import ldif,sys
class P(ldif.LDIFParser):
    n=0
    def handle(self,dn,entry): self.n+=1
p=P(open(sys.argv[1],"rb")); p.parse(); print(p.n)'
PERL_READ='$l=Net::LDAP::LDIF->new(shift,"r",onerror=>"die"); $n++ while $l->read_entry; print "$n\n"'
PY_CSV='import csv,sys
csv.field_size_limit(sys.maxsize)
r=csv.reader(open(sys.argv[1],newline="",encoding=sys.argv[2])); next(r); print(sum(1 for _ in r))'

# ---------------------------------------------------------------- measurement
# One row per timed run in results.tsv: kind, N, file, label, wall s, max RSS KB, what it counted, file size, load.
# The report keeps the best wall time per (kind, N, label) and the largest RSS.
RESULTS="$DIR/results.tsv"
: >"$RESULTS"
# Wall time in nanoseconds from inside the lock (waiting for the lock is not counted); GNU time gives the max RSS;
# the 1-minute load average is read just before the command starts.
TIMEIT="$DIR/timeit.sh"
cat >"$TIMEIT" <<'SH'
#!/usr/bin/env bash
out=$1; shift
load=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s%N)
/usr/bin/time -f '%M' -o "$out.rss" "$@"
status=$?
end=$(date +%s%N)
echo "$(( (end - start) / 1000 ))e-6 $(cat "$out.rss") $load" >"$out"
exit $status
SH
chmod +x "$TIMEIT"

# run1 LABEL FILE COUNT CMD...: runs CMD once (holding the lock) and appends its row. COUNT says where the command
# prints what it counted: "line" (a line that starts with the number), "field3" (third field of the first line,
# readbench), "lines" (wc -l: a line count), or "none". A failure is reported and the row left out.
run1() {
  local label=$1 file=$2 how=$3; shift 3
  local count="" out="$LOG/out.txt" tim="$LOG/time.txt"
  if ! flock "$LOCK" "$TIMEIT" "$tim" "$@" >"$out" 2>"$LOG/err.txt"; then
    echo "FAILED: $label: $*" >&2; tail -5 "$LOG/err.txt" >&2; return 0
  fi
  read -r wall kb load <"$tim"
  wall=$(awk -v w="$wall" 'BEGIN { printf "%.3f", w }')
  case "$how" in
    line) count=$(grep -oE '^[0-9]+' "$out" | head -1 || true) ;;
    field3) count=$(awk 'NR == 1 { print $3 }' "$out") ;;
    lines) count="$(grep -oE '^[0-9]+' "$out" | head -1) lines" ;;
    *) count="-" ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$KIND" "$N" "$(basename "$file")" "$label" "$wall" "$kb" "${count:--}" "$(stat -c %s "$file")" "$load" >>"$RESULTS"
}

# rounds FILE: REPEAT rounds over the readers queued with queue(), each round running every one of them once.
QUEUE=()
queue() { QUEUE+=("$(printf '%q ' "$@")"); }
rounds() {
  local r q
  for r in $(seq 1 "$REPEAT"); do
    for q in "${QUEUE[@]}"; do eval "run1 $q"; done
  done
  QUEUE=()
}

# generate KIND N FILE ARGS...: writes the dump unless the same arguments made it before; records the generator's time.
generate() {
  local file=$3; shift 3
  local args="$* --entries $N --seed $SEED"
  if [ ! -s "$file" ] || [ ! -s "$file.args" ] || [ "$(cat "$file.args")" != "$args" ]; then
    echo "generating $file" >&2
    # shellcheck disable=SC2086
    flock "$LOCK" "$TIMEIT" "$LOG/gen.txt" "$SYNTH" -o "$file" $args >"$LOG/gen.out"
    echo "$args" >"$file.args"
    read -r wall kb load <"$LOG/gen.txt"
    wall=$(awk -v w="$wall" 'BEGIN { printf "%.3f", w }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$KIND" "$N" "$(basename "$file")" "russnap-synth (generates it)" "$wall" "$kb" "$(awk '{print $2; exit}' "$LOG/gen.out")" "$(stat -c %s "$file")" "$load" >"$file.gen"
  fi
  cat "$file.gen" >>"$RESULTS"
  echo "measuring $file ($(stat -c %s "$file") bytes)" >&2
  cat "$file" >/dev/null                       # warm the page cache
}

slow() { [ "$SKIP_SLOW" = 1 ] && [ "$(stat -c %s "$1")" -gt 500000000 ] && echo "skipping slow peers on $1" >&2 && return 1; return 0; }

wanted() { case " $KINDS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# russnap_rows FILE: validate and analyze, and the baseline build's when there is one.
russnap_rows() {
  local file=$1
  queue "russnap validate" "$file" line "$RUSSNAP" validate "$file"
  [ -n "$BASELINE" ] && queue "baseline russnap validate" "$file" line "$BASELINE/russnap" validate "$file"
  queue "russnap analyze (md+json+html)" "$file" line "$RUSSNAP" analyze "$file" -o "$DIR/reports" --timestamp 0 --fail-on never
  [ -n "$BASELINE" ] && queue "baseline russnap analyze (md+json+html)" "$file" line "$BASELINE/russnap" analyze "$file" -o "$DIR/reports-baseline" --timestamp 0 --fail-on never
  # Without SHA-256 of the input, which on one core runs slower than the floor reads (the hash bounds analyze).
  [ -n "$BASELINE" ] && queue "baseline russnap analyze --no-sha256" "$file" line "$BASELINE/russnap" analyze "$file" -o "$DIR/reports-baseline" --timestamp 0 --fail-on never --no-sha256
  return 0
}

# ldif FILE [PEERS]: the LDIF readers and references on one file; PEERS=1 adds the slow peers.
ldif() {
  local file=$1 peers=${2:-0}
  queue "cat > /dev/null" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
  queue "wc -l" "$file" lines wc -l "$file"
  queue "managed floor (readbench lines)" "$file" field3 "$READBENCH" "$file" lines
  command -v openssl >/dev/null && queue "SHA-256 alone (openssl dgst -sha256, one core)" "$file" none openssl dgst -sha256 "$file"
  russnap_rows "$file"
  queue "readbench reader (LdifReader alone)" "$file" field3 "$READBENCH" "$file" reader
  [ "$HAVE_SLAPADD" = 1 ] && queue "slapadd -u -s (OpenLDAP, C)" "$file" none slapadd -f "$SLAPDIR/slapd.conf" -l "$file" -u -s -q
  rounds
  if [ "$peers" = 1 ] && slow "$file"; then
    [ "$HAVE_PYLDAP" = 1 ] && run1 "python-ldap LDIFParser (streaming)" "$file" line "$PY" -c "$PY_STREAM" "$file"
    [ "$HAVE_PERL" = 1 ] && run1 "Perl Net::LDAP::LDIF" "$file" line perl -MNet::LDAP::LDIF -e "$PERL_READ" "$file"
  fi
  return 0
}

# csv FILE PYENC: the CSV readers and references on one file.
csv() {
  local file=$1 pyenc=$2
  queue "cat > /dev/null" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
  queue "wc -l" "$file" lines wc -l "$file"
  queue "managed floor (readbench lines)" "$file" field3 "$READBENCH" "$file" lines
  command -v openssl >/dev/null && queue "SHA-256 alone (openssl dgst -sha256, one core)" "$file" none openssl dgst -sha256 "$file"
  queue "CsvHelper 34 spans (readbench csvhelper)" "$file" field3 "$READBENCH" "$file" csvhelper
  russnap_rows "$file"
  rounds
  if [ -n "$pyenc" ] && [ "$HAVE_PY" = 1 ] && slow "$file"; then
    run1 "Python csv.reader (streaming)" "$file" line "$PY" -c "$PY_CSV" "$file" "$pyenc"
  fi
  return 0
}

for N in $SIZES; do
  # ldifde LDIF in UTF-8 (what the collector writes).
  if wanted ldifde; then
    KIND=ldifde; file="$DIR/ldifde-$N.ldf"
    generate "$KIND" "$N" "$file" --dialect ldifde
    ldif "$file" 1
  fi

  # ldifde shapes the generator does not write by default.
  for KIND in ldifde-longdn ldifde-b64 ldifde-groups ldifde-reversed ldifde-lf ldifde-shapes; do
    wanted "$KIND" || continue
    case "$KIND" in
      ldifde-longdn) shape="--long-dns" ;;
      ldifde-b64) shape="--base64-every 5" ;;
      ldifde-groups) shape="--group-members 5000" ;;
      ldifde-reversed) shape="--reverse-attributes" ;;
      ldifde-lf) shape="--line-ends lf" ;;
      ldifde-shapes) shape="--long-dns --base64-every 5 --group-members 5000 --reverse-attributes --line-ends lf" ;;
    esac
    file="$DIR/$KIND-$N.ldf"
    # shellcheck disable=SC2086
    generate "$KIND" "$N" "$file" --dialect ldifde $shape
    ldif "$file" 0
  done

  # csvde CSV in UTF-8, and in Windows-1252 as csvde writes it without -u (the reader transcodes it); and in the
  # shapes that apply to CSV.
  for KIND in csvde csvde-ansi csvde-shapes; do
    wanted "$KIND" || continue
    file="$DIR/$KIND-$N.csv"
    case "$KIND" in
      csvde) generate "$KIND" "$N" "$file" --dialect csvde --encoding utf-8; csv "$file" utf-8 ;;
      csvde-ansi) generate "$KIND" "$N" "$file" --dialect csvde --encoding windows-1252; csv "$file" cp1252 ;;
      csvde-shapes) generate "$KIND" "$N" "$file" --dialect csvde --encoding utf-8 --long-dns --group-members 5000; csv "$file" "" ;;
    esac
  done

  # An AD Explorer snapshot of the same forest (one file, every partition): binary, read at random, blocks shared.
  if wanted adexplorer; then
    KIND=adexplorer; file="$DIR/adexplorer-$N.dat"
    generate "$KIND" "$N" "$file" --dialect adexplorer
    queue "cat > /dev/null" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
    russnap_rows "$file"
    rounds
  fi

  # ldifde -u: the same LDIF in UTF-16LE with a BOM, twice the bytes (the reader transcodes it to UTF-8).
  if wanted ldifde-u; then
    KIND=ldifde-u; file="$DIR/ldifde-u-$N.ldf"
    generate "$KIND" "$N" "$file" --dialect ldifde --encoding utf-16le
    queue "cat > /dev/null" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
    queue "managed floor (readbench lines)" "$file" field3 "$READBENCH" "$file" lines
  command -v openssl >/dev/null && queue "SHA-256 alone (openssl dgst -sha256, one core)" "$file" none openssl dgst -sha256 "$file"
    russnap_rows "$file"
    rounds
  fi
done

# ---------------------------------------------------------------- report
echo
echo "Machine: $(nproc) vCPU, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/{print $2}') GB RAM, $(uname -sr)"
echo "Tools: .NET $(dotnet --version)$([ "$HAVE_PYLDAP" = 1 ] && "$PY" -c 'import ldap; print(", python-ldap", ldap.__version__)')$([ "$HAVE_PERL" = 1 ] && perl -MNet::LDAP -e 'print ", Net::LDAP $Net::LDAP::VERSION"')$([ "$HAVE_SLAPADD" = 1 ] && echo ", slapd $(dpkg-query -W -f '${Version}' slapd 2>/dev/null || echo '?')")${MISSING:+; not installed:$MISSING}"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Best wall time of the rounds; page cache warm; MB = 10^6 bytes; RSS = max resident set size; load = 1-minute load"
echo "average before the best run. Ratios are speeds (time of the reference / time of the reader) against references"
echo "timed in the same rounds on the same file: the managed floor (C# line scan, one thread), CsvHelper spans, slapadd -u."
echo
echo "| dump | entries | size MB | reader | runs | wall s | MB/s | entries/s | max RSS MB | load | vs floor | vs CsvHelper | vs slapadd | entries seen |"
echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
SUMMARY="$DIR/summary.tsv"
awk -F'\t' '
  { key = $1 SUBSEP $2 SUBSEP $4
    if (!(key in best)) { order[++k] = key; best[key] = $5; rss[key] = $6; cnt[key] = $7; size[key] = $8; load[key] = $9; file[key] = $3; runs[key] = 0 }
    runs[key]++
    if ($5 + 0 < best[key] + 0) { best[key] = $5; load[key] = $9 }
    if ($6 + 0 > rss[key] + 0) rss[key] = $6
    if (cnt[key] == "-" && $7 != "-") cnt[key] = $7 }
  END { for (i = 1; i <= k; i++) { key = order[i]; split(key, p, SUBSEP)
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p[1], p[2], file[key], p[3], runs[key], best[key], rss[key], cnt[key], size[key], load[key] } }' "$RESULTS" >"$SUMMARY"
awk -F'\t' '
  NR == FNR { if ($4 ~ /^managed floor/) floor[$1 SUBSEP $2] = $6; if ($4 ~ /^CsvHelper/) csvh[$1 SUBSEP $2] = $6; if ($4 ~ /^slapadd/) slap[$1 SUBSEP $2] = $6; next }
  function ratio(ref, w) { return (ref == "" || w <= 0) ? "-" : sprintf("%.2fx", ref / w) }
  { key = $1 SUBSEP $2; w = ($6 > 0 ? $6 : 0.001); gen = ($4 ~ /^russnap-synth/)
    printf "| %s | %d | %.0f | %s | %s | %.3f | %.0f | %.0f | %.1f | %s | %s | %s | %s | %s |\n", $3, $2, $9/1e6, $4, $5, $6, $9/1e6/w, $2/w, $7/1024, $10,
      gen ? "-" : ratio(floor[key], $6), gen ? "-" : ratio(csvh[key], $6), gen ? "-" : ratio(slap[key], $6), $8 }' "$SUMMARY" "$SUMMARY"

set -- $SIZES
if [ $# -ge 2 ]; then
  small=$1; large=${!#}
  echo
  echo "Growth from $small to $large entries (DESIGN.md: time at most x$((large / small)), memory at most x1.2):"
  echo
  echo "| dump | reader | time ratio | memory ratio |"
  echo "| --- | --- | ---: | ---: |"
  awk -F'\t' -v a="$small" -v b="$large" '
    $2 == a { key = $1 SUBSEP $4; ta[key] = $6; ma[key] = $7; order[++k] = key }
    $2 == b { key = $1 SUBSEP $4; tb[key] = $6; mb[key] = $7 }
    END { for (i = 1; i <= k; i++) { key = order[i]; split(key, p, SUBSEP); if (key in tb && ta[key] > 0)
      printf "| %s | %s | x%.1f | x%.2f |\n", p[1], p[2], tb[key] / ta[key], mb[key] / ma[key] } }' "$SUMMARY"
fi
