#!/usr/bin/env bash
# Validates every manifest under deploy/ against its schema and Switchboard's rules, checks deploy/observability/
# (dashboard and alert metric names against exported-metrics.txt, annotations, rule-test coverage), runs promtool on
# the alert rules, their unit tests and the dashboard's queries, then runs the validator's own tests (which prove
# that broken manifests, dashboards and alerts fail). Needs Node.js 18+ and npm (dependencies pinned in
# deploy/validate/package-lock.json) and promtool: when it is missing, Debian's `prometheus` package is installed
# with apt-get (as root), its server kept stopped. PROMTOOL=/path/to/promtool uses another one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
obs="$root/deploy/observability"
command -v node >/dev/null && command -v npm >/dev/null || { echo "deploy-validate: node and npm are required" >&2; exit 1; }

step_start=$SECONDS
step() { echo "deploy-validate: $1 ($((SECONDS - step_start)) s)"; step_start=$SECONDS; }

# Installs promtool from Debian's prometheus package without leaving a Prometheus server (or the recommended
# node exporter) running: policy-rc.d forbids service starts during the install, and anything started anyway is
# stopped and disabled.
install_promtool() {
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "deploy-validate: promtool is missing; install Debian's 'prometheus' package (apt-get, as root) or set PROMTOOL" >&2
        exit 1
    fi
    echo "deploy-validate: installing promtool (Debian package prometheus)..."
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1
    fi
    local status=0
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
    } || status=$?
    [ -n "$own_policy" ] && rm -f "$policy"
    [ "$status" -eq 0 ] || { echo "deploy-validate: apt-get install prometheus failed" >&2; exit 1; }
    for service in prometheus prometheus-node-exporter; do
        if [ -d /run/systemd/system ]; then
            systemctl disable --now "$service" >/dev/null 2>&1 || true
        elif [ -x "/etc/init.d/$service" ]; then
            "/etc/init.d/$service" stop >/dev/null 2>&1 || true
        fi
    done
    if pgrep -x prometheus >/dev/null; then
        echo "deploy-validate: a Prometheus server is running after the install (pid $(pgrep -x prometheus | tr '\n' ' ')); stop it" >&2
        exit 1
    fi
}

PROMTOOL=${PROMTOOL:-$(command -v promtool || true)}
if [ -z "$PROMTOOL" ]; then
    install_promtool
    PROMTOOL=$(command -v promtool)
fi
export PATH="$(dirname "$PROMTOOL"):$PATH"
step "promtool: $("$PROMTOOL" --version 2>&1 | head -n 1)"

cd "$root/deploy/validate"
npm ci --no-audit --no-fund --loglevel=error
step "npm ci"
node validate.mjs
step "manifests and observability checked"

"$PROMTOOL" check rules "$obs/alerts.yml"
(cd "$obs" && "$PROMTOOL" test rules alerts.test.yml)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node observability.mjs dashboard-rules "$tmp/dashboard-queries.yml"
"$PROMTOOL" check rules "$tmp/dashboard-queries.yml" >/dev/null || {
    "$PROMTOOL" check rules "$tmp/dashboard-queries.yml" >&2 || true
    echo "deploy-validate: a grafana-dashboard.json query is not valid PromQL (see above)" >&2
    exit 1
}
step "promtool: alert rules checked, rule tests passed, dashboard queries parse"

node --test
step "validator tests"
