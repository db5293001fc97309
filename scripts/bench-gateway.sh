#!/usr/bin/env bash
# Gateway benchmark (issues 2 and 19): builds the gateway and the load generator, then drives simulated Twilio calls
# through the gateway, run as its own process, against an echoing fake OpenAI Realtime server.
#
#   scripts/bench-gateway.sh [levels] [seconds] [--cold]
#
# Warm (default; levels 50,100,200,400, 15 s windows): each form of the gateway (the jar, and the native executable
# when BENCH_NATIVE is set) is started once and warmed up; then per level each form in turn, then the relay floor
# (scripts/relay-floor) on the same calls and seconds. Prints a detailed row per form and level as it goes, and at
# the end one table: per level, jar / native / floor: p50, p99, max, lost, CPU % of one core, CPU ÷ floor CPU, RSS.
# Cold (--cold or BENCH_COLD=1; levels default 200, seconds default 60): per level value and form, a fresh gateway
# process is offered that many calls the moment it answers ready, with no warm-up, and measured for the seconds:
# p50/p99/max and lost per window and overall, and the process's CPU and RSS for every second from its start.
#
# Environment:
#   BENCH_NATIVE=<path>        a native call-gateway executable to run beside the jar (any path)
#   BENCH_NATIVE=build         build one first, fully optimised (no -Ob): ./mvnw package -Dnative -pl call-gateway;
#                              needs GRAALVM_HOME. The executable is copied to e2e/target/bench/ and measured there.
#   BENCH_FORMS=jar,native     which forms to run (default both; native needs BENCH_NATIVE)
#   BENCH_SPREAD_SECONDS=2     arrivals: a level's calls spread evenly within this many seconds (the default shape)
#   BENCH_RAMP_PER_SECOND=N    arrivals: the original shape, N calls a second (200 was its default); used when
#                              BENCH_SPREAD_SECONDS is not set
#   BENCH_ECHO=every           the fake Realtime server answers every append at once with one delta, same payload
#                              (default, as always); batch:N joins N appends' audio into one delta
#   BENCH_FLOOR=0              skip the relay floor; BENCH_FLOOR_TICK_US=0 its tick (0 = wakes per event, as Netty)
#   BENCH_WARMUP_ROUNDS=4      warm mode: rounds of 100 calls × 5 s per form before any level (200 calls/s)
#   BENCH_COLD_WINDOW_SECONDS=10  cold mode: the latency windows
#   BENCH_GATEWAY_JAVA_OPTS    JVM options of the jar (a heap size, a profiler agent); BENCH_NATIVE_OPTS the
#                              native executable's options (e.g. -Xmx256m)
#   BENCH_WITH_CONTROL=1       warm mode: control-api runs too and every gateway links to it (BENCH_CONTROL_JAVA_OPTS)
#   BENCH_FIRST_FRAMES=1       warm mode: per level and form, the round trip of each of the first 60 frames
#   BENCH_SKIP_BUILD=1         use the existing build (jar and load generator)
set -euo pipefail
if [ -n "${BENCH_NATIVE:-}" ] && [ "$BENCH_NATIVE" != build ]; then
    BENCH_NATIVE=$(realpath "$BENCH_NATIVE")   # relative to where the script was started
    export BENCH_NATIVE
fi
cd "$(dirname "$0")/.."
. scripts/jdk.sh
args=()
for arg in "$@"; do
    case $arg in
        --cold) export BENCH_COLD=1 ;;
        *) args+=("$arg") ;;
    esac
done
if [ "${BENCH_NATIVE:-}" = build ]; then
    if [ -z "${GRAALVM_HOME:-}" ]; then
        echo "BENCH_NATIVE=build needs GRAALVM_HOME (see docs/operations.md, \"Native build\")" >&2
        exit 1
    fi
    # Before the jar build, which then leaves the jar as the gateway's last packaging.
    ./mvnw -B package -Dnative -DskipTests -pl call-gateway
    mkdir -p e2e/target/bench
    cp "$(ls call-gateway/target/call-gateway-*-runner | head -n 1)" e2e/target/bench/call-gateway-native-runner
    export BENCH_NATIVE=$PWD/e2e/target/bench/call-gateway-native-runner
fi
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
    ./mvnw -B -q -pl call-gateway,e2e -am package -DskipTests -DskipITs
fi
exec java -cp "e2e/target/classes:$(cat e2e/target/classpath.txt)" dev.switchboard.e2e.bench.GatewayBench \
    "$PWD" "${args[@]}"
