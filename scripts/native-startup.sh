#!/usr/bin/env bash
# Measures one start of a service: time from process start to the first answered HTTP request, and RSS at idle.
#   scripts/native-startup.sh PORT URL_PATH -- COMMAND...
#   e.g. scripts/native-startup.sh 21081 /q/health/live -- call-gateway/target/call-gateway-0.1.0-SNAPSHOT-runner
# Prints "first_response_ms=… idle_rss_mb=…". The service must listen on PORT (pass -Dquarkus.http.port=PORT).
set -euo pipefail
port="$1"; path="$2"; shift 2
[ "${1:-}" = "--" ] && shift
start=$(date +%s%N)
"$@" >/tmp/native-startup.$$.log 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f /tmp/native-startup.$$.log' EXIT
deadline=$(( start + 60000000000 ))
until curl -fsS -o /dev/null "http://127.0.0.1:$port$path" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "native-startup: process exited:" >&2; tail -20 /tmp/native-startup.$$.log >&2; exit 1; }
    [ "$(date +%s%N)" -lt "$deadline" ] || { echo "native-startup: no answer within 60 s" >&2; exit 1; }
    sleep 0.005
done
first_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# Idle: a few more requests as a client would make, then two quiet seconds.
for _ in 1 2 3; do curl -fsS -o /dev/null "http://127.0.0.1:$port$path"; done
sleep 2
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
echo "first_response_ms=$first_ms idle_rss_mb=$(( rss_kb / 1024 ))"
