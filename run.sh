#!/usr/bin/env bash
# README command 1: builds what is needed, starts both services on local defaults (no accounts: the built-in
# local voice agent and local dialer), starts a webhook receiver subscribed to every outcome event, places one local
# call and prints the conversation live from /logs, its signed webhooks as they arrive and, once it completes, its
# usage and estimated cost; then leaves the services running with the console URL printed. Ctrl-C stops everything.
# With OPENAI_API_KEY / TWILIO_* / public URLs in the environment the same services use the real ones (README).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh

CONTROL_PORT=${CONTROL_PORT:-8080}
GATEWAY_PORT=${GATEWAY_PORT:-8081}
CONTROL_API_URL=${CONTROL_API_URL:-http://127.0.0.1:$CONTROL_PORT}
GATEWAY_PUBLIC_URL=${GATEWAY_PUBLIC_URL:-http://127.0.0.1:$GATEWAY_PORT}
CONTROL_PUBLIC_URL=${CONTROL_PUBLIC_URL:-$CONTROL_API_URL}
SWITCHBOARD_INTERNAL_TOKEN=${SWITCHBOARD_INTERNAL_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
CALL_TO=${CALL_TO:-+15551230000}
export SWITCHBOARD_INTERNAL_TOKEN

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "Building (tests skipped; ./test.sh runs them; SKIP_BUILD=1 reuses the last build)..."
    ./mvnw -B -q package -DskipTests -DskipITs
fi

mkdir -p data/run
pids=()
receiver=
stop() {
    trap - INT TERM EXIT
    echo
    echo "Stopping..."
    # The receiver first: it deletes its subscription on the way out, while control-api still answers.
    if [ -n "$receiver" ]; then kill "$receiver" 2>/dev/null || true; wait "$receiver" 2>/dev/null || true; fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

PORT=$CONTROL_PORT PUBLIC_URL=$CONTROL_PUBLIC_URL GATEWAY_PUBLIC_URL=$GATEWAY_PUBLIC_URL \
    java -jar control-api/target/quarkus-app/quarkus-run.jar > data/run/control-api.log 2>&1 &
pids+=($!)
PORT=$GATEWAY_PORT PUBLIC_URL=$GATEWAY_PUBLIC_URL CONTROL_API_URL=$CONTROL_API_URL \
    java -jar call-gateway/target/quarkus-app/quarkus-run.jar > data/run/call-gateway.log 2>&1 &
pids+=($!)

wait_ready() {
    for _ in $(seq 1 120); do
        if curl -fs "$1/q/health/ready" > /dev/null; then return 0; fi
        sleep 0.5
    done
    echo "$2 did not become ready; see data/run/$2.log" >&2
    exit 1
}
wait_ready "http://127.0.0.1:$CONTROL_PORT" control-api
wait_ready "http://127.0.0.1:$GATEWAY_PORT" call-gateway
echo "control-api and call-gateway are up (logs in data/run/)."

java -cp "e2e/target/classes:$(cat e2e/target/classpath.txt)" dev.switchboard.e2e.LiveLog \
    "http://127.0.0.1:$CONTROL_PORT" "${SWITCHBOARD_API_KEY:-}" &
pids+=($!)

# Outcome webhooks (docs/webhooks.md): a dependency-free receiver on a free loopback port subscribes itself to every
# event, checks each delivery's signature and prints it; call.completed brings the call's usage and estimated cost.
rm -f data/run/webhook-receiver.ready
java scripts/WebhookReceiver.java "http://127.0.0.1:$CONTROL_PORT" data/run/webhook-receiver.ready &
receiver=$!
for _ in $(seq 1 60); do
    if [ -e data/run/webhook-receiver.ready ] || ! kill -0 "$receiver" 2>/dev/null; then break; fi
    sleep 0.5
done
[ -e data/run/webhook-receiver.ready ] || echo "The webhook receiver did not start: the call goes on without it." >&2
sleep 1

auth=()
[ -n "${SWITCHBOARD_API_KEY:-}" ] && auth=(-H "Authorization: Bearer $SWITCHBOARD_API_KEY")
echo "Placing a call to $CALL_TO:"
curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d "{\"to\": \"$CALL_TO\"}" \
    "http://127.0.0.1:$CONTROL_PORT/api/calls"
echo
echo
echo "Console: http://127.0.0.1:$CONTROL_PORT/   (the call prints below as it happens; Ctrl-C stops everything)"
echo "Metrics: http://127.0.0.1:$CONTROL_PORT/q/metrics and http://127.0.0.1:$GATEWAY_PORT/q/metrics (Prometheus;" \
    "dashboard and alerts in deploy/observability/, see docs/operations.md)"
wait
