#!/usr/bin/env bash
# Re-verifies deploy/observability/exported-metrics.txt against running services:
#   scripts/metrics-check.sh CONTROL_URL GATEWAY_URL      e.g. http://127.0.0.1:8080 http://127.0.0.1:8081
# Run it after at least one local call has completed (some meters register on first use). Scrapes /q/metrics on
# both and fails when a metric the dashboard or the alerts use is not served (unless the list marks it conditional:
# refusal, audio-drop, postgresql, ...), when a listed switchboard_* metric is missing, or when a service serves a
# switchboard_* metric the list does not know. Unused JVM/runtime names that differ are only noted.
# Needs curl, Node.js 18+ and npm (installs deploy/validate's pinned dependencies if they are missing).
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 CONTROL_URL GATEWAY_URL" >&2
    exit 2
fi
validate="$(cd "$(dirname "$0")/../deploy/validate" && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pair in "control-api=$1" "call-gateway=$2"; do
    name=${pair%%=*}
    url=${pair#*=}
    curl -fsS --max-time 10 "${url%/}/q/metrics" -o "$tmp/$name.prom" || {
        echo "metrics-check: could not scrape ${url%/}/q/metrics ($name)" >&2
        exit 1
    }
done
if [ ! -d "$validate/node_modules/js-yaml" ]; then
    (cd "$validate" && npm ci --no-audit --no-fund --loglevel=error)
fi
node "$validate/observability.mjs" live "$tmp/control-api.prom" "$tmp/call-gateway.prom"
