#!/usr/bin/env bash
# Reader benchmark (DESIGN.md section 7): generates dumps of 100,000 and 1,000,000 entries with russnap-synth (ldifde
# LDIF in UTF-8; csvde CSV in UTF-8 and in Windows-1252), then times, on the same file with the page cache warm, each
# reader as a whole process from start to exit: cat, wc -l, russnap validate, russnap analyze (all three reports), and the peers: for LDIF readbench
# (LdifReader alone), python-ldap LDIFParser (streaming), Perl Net::LDAP::LDIF and OpenLDAP slapadd -u (dry run); for
# CSV Python's csv module. Prints a Markdown table: wall time (best of the runs), MB/s (10^6 bytes), entries/s,
# max RSS; then the growth from the smallest to the largest size.
#
# Usage: tests/benchmarks/run.sh [--sizes "100000 1000000"] [--kinds "ldifde csvde csvde-ansi ldifde-u adexplorer"] [--repeat N]
#                               [--skip-slow-peers] [--dir DIR]
#   --kinds             which dumps: ldifde (UTF-8), csvde (UTF-8), csvde-ansi (Windows-1252, csvde without -u),
#                       ldifde-u (UTF-16LE with BOM, ldifde -u), adexplorer (an AD Explorer snapshot of the whole forest,
#                       read by positioned reads); the peers read only the UTF-8 LDIF and the CSVs, and are only
#                       needed for those kinds
#   --repeat N          runs per fast reader, best wall time kept (default 3); python and Perl run once
#   --skip-slow-peers   skip python-ldap, Net::LDAP and Python csv on dumps over 500 MB (they take minutes)
#   --dir DIR           where dumps and builds go (default /tmp/russnap-bench; needs about 13 GB)
# Needs: .NET SDK 10, and from Debian: python3-ldap libnet-ldap-perl slapd time (GNU time in /usr/bin/time).
# Every build and every timed run holds /tmp/rs-build.lock, so that runs on a shared machine do not overlap.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZES="100000 1000000"
REPEAT=3
SKIP_SLOW=0
KINDS="ldifde csvde csvde-ansi ldifde-u adexplorer"
DIR=/tmp/russnap-bench
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --skip-slow-peers) SKIP_SLOW=1; shift ;;
    --kinds) KINDS=$2; shift 2 ;;
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
PEERS=0
for kind in $KINDS; do case "$kind" in ldifde|csvde|csvde-ansi) PEERS=1 ;; esac; done
if [ "$PEERS" = 1 ]; then
  for tool in "$PY" perl slapadd; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install python3-ldap libnet-ldap-perl slapd)" >&2; exit 1; }
  done
  "$PY" -c 'import ldif' 2>/dev/null || { echo "python3-ldap is missing" >&2; exit 1; }
  perl -MNet::LDAP::LDIF -e 1 2>/dev/null || { echo "libnet-ldap-perl is missing" >&2; exit 1; }
fi

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
# measure LABEL RUNS FILE COUNT CMD... (KIND and N set by the caller): runs CMD (holding the lock) RUNS times; keeps the best wall time and the
# largest RSS. COUNT says where the command prints what it counted: "line" (a line that starts with the number),
# "field3" (third field of the first line, readbench), "lines" (wc -l: a line count), or "none".
RESULTS="$DIR/results.tsv"
: >"$RESULTS"
# Wall time in nanoseconds from inside the lock (waiting for the lock is not counted); GNU time gives the max RSS.
TIMEIT="$DIR/timeit.sh"
cat >"$TIMEIT" <<'SH'
#!/usr/bin/env bash
out=$1; shift
start=$(date +%s%N)
/usr/bin/time -f '%M' -o "$out.rss" "$@"
status=$?
end=$(date +%s%N)
echo "$(( (end - start) / 1000 ))e-6 $(cat "$out.rss")" >"$out"
exit $status
SH
chmod +x "$TIMEIT"
measure() {
  local label=$1 runs=$2 file=$3 how=$4; shift 4
  local best="" rss=0 count="" out="$LOG/out.txt" tim="$LOG/time.txt"
  for _ in $(seq 1 "$runs"); do
    if ! flock "$LOCK" "$TIMEIT" "$tim" "$@" >"$out" 2>"$LOG/err.txt"; then
      echo "FAILED: $label: $*" >&2; tail -5 "$LOG/err.txt" >&2; return 1
    fi
    read -r wall kb <"$tim"
    wall=$(awk -v w="$wall" 'BEGIN { printf "%.3f", w }')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$wall; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
    if [ -z "$count" ]; then
      case "$how" in
        line) count=$(grep -oE '^[0-9]+' "$out" | head -1 || true) ;;
        field3) count=$(awk 'NR == 1 { print $3 }' "$out") ;;
        lines) count="$(grep -oE '^[0-9]+' "$out" | head -1) lines" ;;
        *) count="-" ;;
      esac
    fi
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$KIND" "$N" "$(basename "$file")" "$label" "$runs" "$best" "$rss" "${count:--}" "$(stat -c %s "$file")" >>"$RESULTS"
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
    read -r wall kb <"$LOG/gen.txt"
    wall=$(awk -v w="$wall" 'BEGIN { printf "%.3f", w }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$KIND" "$N" "$(basename "$file")" "russnap-synth (generates it)" 1 "$wall" "$kb" "$N" "$(stat -c %s "$file")" >"$file.gen"
  fi
  cat "$file.gen" >>"$RESULTS"
  echo "measuring $file ($(stat -c %s "$file") bytes)" >&2
  cat "$file" >/dev/null                       # warm the page cache
}

slow() { [ "$SKIP_SLOW" = 1 ] && [ "$(stat -c %s "$1")" -gt 500000000 ] && echo "skipping slow peers on $1" >&2 && return 1; return 0; }

wanted() { case " $KINDS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

for N in $SIZES; do
  # ldifde LDIF in UTF-8 (what the collector writes).
  if wanted ldifde; then
    KIND=ldifde; file="$DIR/ldifde-$N.ldf"
    generate "$KIND" "$N" "$file" --dialect ldifde
    measure "cat > /dev/null" "$REPEAT" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
    measure "wc -l" "$REPEAT" "$file" lines wc -l "$file"
    measure "russnap validate" "$REPEAT" "$file" line "$RUSSNAP" validate "$file"
    measure "russnap analyze (md+json+html)" "$REPEAT" "$file" line "$RUSSNAP" analyze "$file" -o "$DIR/reports" --timestamp 0 --fail-on never
    measure "readbench reader (LdifReader alone)" "$REPEAT" "$file" field3 "$READBENCH" "$file" reader
    measure "slapadd -u -s (OpenLDAP, C)" "$REPEAT" "$file" none slapadd -f "$SLAPDIR/slapd.conf" -l "$file" -u -s -q
    if slow "$file"; then
      measure "python-ldap LDIFParser (streaming)" 1 "$file" line "$PY" -c "$PY_STREAM" "$file"
      measure "Perl Net::LDAP::LDIF" 1 "$file" line perl -MNet::LDAP::LDIF -e "$PERL_READ" "$file"
    fi
  fi

  # csvde CSV in UTF-8, and in Windows-1252 as csvde writes it without -u (the reader transcodes it).
  for KIND in csvde csvde-ansi; do
    wanted "$KIND" || continue
    file="$DIR/$KIND-$N.csv"
    if [ "$KIND" = csvde ]; then enc=utf-8; pyenc=utf-8; else enc=windows-1252; pyenc=cp1252; fi
    generate "$KIND" "$N" "$file" --dialect csvde --encoding "$enc"
    measure "cat > /dev/null" "$REPEAT" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
    measure "wc -l" "$REPEAT" "$file" lines wc -l "$file"
    measure "russnap validate" "$REPEAT" "$file" line "$RUSSNAP" validate "$file"
    measure "russnap analyze (md+json+html)" "$REPEAT" "$file" line "$RUSSNAP" analyze "$file" -o "$DIR/reports" --timestamp 0 --fail-on never
    if slow "$file"; then
      measure "Python csv.reader (streaming)" 1 "$file" line "$PY" -c "$PY_CSV" "$file" "$pyenc"
    fi
  done

  # An AD Explorer snapshot of the same forest (one file, every partition): binary, read at random, blocks shared.
  if wanted adexplorer; then
    KIND=adexplorer; file="$DIR/adexplorer-$N.dat"
    generate "$KIND" "$N" "$file" --dialect adexplorer
    measure "cat > /dev/null" "$REPEAT" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
    measure "russnap validate" "$REPEAT" "$file" line "$RUSSNAP" validate "$file"
    measure "russnap analyze (md+json+html)" "$REPEAT" "$file" line "$RUSSNAP" analyze "$file" -o "$DIR/reports" --timestamp 0 --fail-on never
  fi

  # ldifde -u: the same LDIF in UTF-16LE with a BOM, twice the bytes (the reader transcodes it to UTF-8).
  if wanted ldifde-u; then
    KIND=ldifde-u; file="$DIR/ldifde-u-$N.ldf"
    generate "$KIND" "$N" "$file" --dialect ldifde --encoding utf-16le
    measure "cat > /dev/null" "$REPEAT" "$file" none sh -c 'cat "$1" >/dev/null' sh "$file"
    measure "russnap validate" "$REPEAT" "$file" line "$RUSSNAP" validate "$file"
    measure "russnap analyze (md+json+html)" "$REPEAT" "$file" line "$RUSSNAP" analyze "$file" -o "$DIR/reports" --timestamp 0 --fail-on never
  fi
done

# ---------------------------------------------------------------- report
echo
echo "Machine: $(nproc) vCPU, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/{print $2}') GB RAM, $(uname -sr)"
if [ "$PEERS" = 1 ]; then
  echo "Tools: .NET $(dotnet --version), $("$PY" -c 'import ldap; print("python-ldap", ldap.__version__)'), Net::LDAP $(perl -MNet::LDAP -e 'print $Net::LDAP::VERSION'), slapd $(dpkg-query -W -f '${Version}' slapd 2>/dev/null || echo '?')"
else
  echo "Tools: .NET $(dotnet --version)"
fi
echo "Best wall time of the runs; page cache warm; MB = 10^6 bytes; RSS = max resident set size."
echo
echo "| dump | entries | size MB | reader | runs | wall s | MB/s | entries/s | max RSS MB | entries seen |"
echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
while IFS=$'\t' read -r kind n file label runs wall kb count size; do
  awk -v f="$file" -v n="$n" -v l="$label" -v r="$runs" -v w="$wall" -v kb="$kb" -v c="$count" -v s="$size" 'BEGIN {
    ww = (w > 0 ? w : 0.001)
    printf "| %s | %d | %.0f | %s | %s | %.3f | %.0f | %.0f | %.1f | %s |\n", f, n, s/1e6, l, r, w, s/1e6/ww, n/ww, kb/1024, c }'
done <"$RESULTS"

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
      printf "| %s | %s | x%.1f | x%.2f |\n", p[1], p[2], tb[key] / ta[key], mb[key] / ma[key] } }' "$RESULTS"
fi
