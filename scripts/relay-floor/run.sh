#!/usr/bin/env bash
# The system-call floor of a call bridge on this machine (issue 2; see relay_floor.c and docs/benchmarks.md).
#   scripts/relay-floor/run.sh [calls, default 200] [seconds, default 30] [tick µs, default 0 = wake on every event]
# Prints the relay's CPU (utime+stime, % of one core), the load's, and the machine's softirq time over the window.
set -euo pipefail
cd "$(dirname "$0")"
calls=${1:-200}; secs=${2:-30}; tick=${3:-0}
bin=$(mktemp -d)/relay_floor
gcc -O2 -Wall -o "$bin" relay_floor.c
"$bin" relay 29001 29002 "$tick" & relay=$!
trap 'kill $relay 2>/dev/null' EXIT
sleep 0.3
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
softirq_ticks() { awk '/^cpu /{print $8}' /proc/stat; }
"$bin" peers 29001 29002 "$calls" $((secs + 3)) > "$bin.out" & load=$!
sleep 2   # connected and settled
r0=$(cpu_ticks $relay); l0=$(cpu_ticks $load); s0=$(softirq_ticks); t0=$(date +%s.%N)
sleep "$secs"
r1=$(cpu_ticks $relay); l1=$(cpu_ticks $load); s1=$(softirq_ticks); t1=$(date +%s.%N)
wait $load
awk -v c="$calls" -v tick="$tick" -v r=$((r1 - r0)) -v l=$((l1 - l0)) -v s=$((s1 - s0)) -v t0="$t0" -v t1="$t1" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN { d = t1 - t0;
    printf "calls %d, tick %d µs: relay %.1f %% of one core, load %.1f %%, softirq %.1f %%\n",
           c, tick, 100 * r / hz / d, 100 * l / hz / d, 100 * s / hz / d }'
cat "$bin.out"
