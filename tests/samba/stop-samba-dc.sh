#!/usr/bin/env bash
# Stops the DC that start-samba-dc.sh started from WORKDIR and waits until it has exited (its ports are fixed).
set -uo pipefail
W=$(realpath -m "${1:?usage: stop-samba-dc.sh WORKDIR}")
[ -f "$W/samba.pid" ] || exit 0
pid=$(cat "$W/samba.pid")
kill "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
kill -9 "$pid" 2>/dev/null
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
echo "stop-samba-dc.sh: samba (pid $pid) did not exit" >&2; exit 1
