#!/usr/bin/env bash
# Gateway benchmark (issue 2): builds the gateway and the load generator, then drives N concurrent simulated Twilio
# calls through the gateway (its own process) against an echoing fake Realtime server, per level.
#   scripts/bench-gateway.sh [levels, default 50,100,200,400] [seconds per level, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
./mvnw -B -q -pl call-gateway,e2e -am package -DskipTests -DskipITs
exec java -cp "e2e/target/classes:$(cat e2e/target/classpath.txt)" dev.switchboard.e2e.bench.GatewayBench \
    "$PWD" "${1:-50,100,200,400}" "${2:-15}"
