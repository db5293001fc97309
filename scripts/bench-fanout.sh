#!/usr/bin/env bash
# Live-log fan-out benchmark: events/s from one gateway link to N UI clients on /logs (docs/benchmarks.md).
# Usage: scripts/bench-fanout.sh [events=20000] [clients=100]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
./mvnw -B -q -pl control-api test -Dtest=FanoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true -Dbench.events="${1:-20000}" -Dbench.clients="${2:-100}"
cat control-api/target/bench-fanout.txt
