#!/usr/bin/env bash
# Builds the container images of both services from already-built artifacts, runs them with podman, checks
# /q/health/ready of each, places ONE local call through the two containers (control-api's local dialer ->
# call-gateway's local voice agent; no accounts) and checks through control-api's REST API that it completed with
# both sides' transcripts, then checks the dashboard's and alerts' metrics against both scrapes
# (scripts/metrics-check.sh). Prints image sizes, start-to-first-ready-answer, RSS; removes its containers on exit.
#
#   scripts/container-check.sh [--jvm] [--native]      (neither: --jvm)
#
#   --jvm     Dockerfile.jvm from */target/quarkus-app/ (built here with ./mvnw if missing)
#   --native  Dockerfile.native-micro from */target/*-runner (never built here: run the native build first)
#
# Environment:
#   SWITCHBOARD_PODMAN_PREPARE  the machine's podman preparation script: run (as root) when podman or a base image
#                               is missing; without it, a missing podman or base image fails the check
#   JRE_FROM_JDK                passed to that script (default: the JDK 21+ that scripts/jdk.sh finds)
#   BASE_JVM, BASE_NATIVE       base images (default localhost/ci-base-jvm:12, localhost/ci-base-native:12); the
#                               Dockerfiles default to the public UBI bases, which need a registry
#   GATEWAY_TARGET, CONTROL_TARGET   artifact dirs (default call-gateway/target, control-api/target)
#   CHECK_CONTROL_PORT, CHECK_GATEWAY_PORT   host ports on 127.0.0.1 (default: free ones chosen by podman)
#   CALL_TIMEOUT                seconds to wait for the call to complete (default 120)
#
# Both containers share one network namespace (the gateway joins control-api's with --network container:…), so they
# are wired exactly as run.sh wires the two processes: 127.0.0.1:8080 and 127.0.0.1:8081 inside; only 127.0.0.1 is
# published on the host.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

want_jvm=; want_native=
for arg in "$@"; do
    case "$arg" in
        --jvm) want_jvm=1 ;;
        --native) want_native=1 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "container-check: unknown argument $arg (use --jvm and/or --native)" >&2; exit 2 ;;
    esac
done
[ -z "$want_jvm$want_native" ] && want_jvm=1

BASE_JVM=${BASE_JVM:-localhost/ci-base-jvm:12}
BASE_NATIVE=${BASE_NATIVE:-localhost/ci-base-native:12}
GATEWAY_TARGET=${GATEWAY_TARGET:-call-gateway/target}
CONTROL_TARGET=${CONTROL_TARGET:-control-api/target}
CHECK_CONTROL_PORT=${CHECK_CONTROL_PORT:-}
CHECK_GATEWAY_PORT=${CHECK_GATEWAY_PORT:-}
CALL_TIMEOUT=${CALL_TIMEOUT:-120}
TAG=check

fail() { echo "container-check: FAIL: $*" >&2; exit 1; }
say() { echo "container-check: $*"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
for tool in curl jq awk; do command -v "$tool" >/dev/null || fail "$tool is required"; done

# --- podman and base images -------------------------------------------------------------------------------------
needed_bases=()
[ -n "$want_jvm" ] && needed_bases+=("$BASE_JVM")
[ -n "$want_native" ] && needed_bases+=("$BASE_NATIVE")
missing() {
    command -v podman >/dev/null || { echo podman; return; }
    local b; for b in "${needed_bases[@]}"; do podman image exists "$b" || echo "$b"; done
}
if [ -n "$(missing)" ]; then
    what=$(missing | paste -sd' ')
    prepare=${SWITCHBOARD_PODMAN_PREPARE:-}
    [ -n "$prepare" ] || fail "missing: $what. Set SWITCHBOARD_PODMAN_PREPARE to the machine's podman preparation script (it installs podman and builds the local base images), or provide them and set BASE_JVM/BASE_NATIVE"
    [ -x "$prepare" ] || [ -f "$prepare" ] || fail "SWITCHBOARD_PODMAN_PREPARE=$prepare: no such file"
    [ "$(id -u)" = 0 ] || fail "missing: $what; the preparation script needs root"
    if [ -z "${JRE_FROM_JDK:-}" ]; then . scripts/jdk.sh; JRE_FROM_JDK=$JAVA_HOME; fi
    say "missing: $what; running $prepare (JRE_FROM_JDK=$JRE_FROM_JDK)"
    t0=$(now)
    JRE_FROM_JDK=$JRE_FROM_JDK bash "$prepare" || fail "$prepare failed"
    say "preparation took $(secs "$t0" "$(now)") s"
    [ -z "$(missing)" ] || fail "still missing after $prepare: $(missing | paste -sd' ')"
fi
if [ -n "$want_jvm" ]; then
    base_java=$( { podman run --rm --entrypoint java "$BASE_JVM" -version 2>&1 || true; } | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    [ "${base_java:-0}" -ge 21 ] 2>/dev/null || fail "$BASE_JVM has Java '${base_java:-none}'; the jars need 21+ (prepare it with JRE_FROM_JDK=<a JDK 21+>)"
fi

# --- artifacts ----------------------------------------------------------------------------------------------------
if [ -n "$want_jvm" ] && { [ ! -f "$GATEWAY_TARGET/quarkus-app/quarkus-run.jar" ] || [ ! -f "$CONTROL_TARGET/quarkus-app/quarkus-run.jar" ]; }; then
    [ "$GATEWAY_TARGET" = call-gateway/target ] && [ "$CONTROL_TARGET" = control-api/target ] \
        || fail "no quarkus-app/quarkus-run.jar under $GATEWAY_TARGET or $CONTROL_TARGET"
    say "no fast-jars yet: ./mvnw -B -q package -DskipTests -pl call-gateway,control-api -am"
    . scripts/jdk.sh
    t0=$(now)
    ./mvnw -B -q package -DskipTests -pl call-gateway,control-api -am
    say "fast-jar build took $(secs "$t0" "$(now)") s"
fi
runner() { # the single *-runner executable in $1
    local found=("$1"/*-runner)
    [ -f "${found[0]}" ] && [ ${#found[@]} -eq 1 ] && echo "${found[0]}"
}
if [ -n "$want_native" ]; then
    for t in "$GATEWAY_TARGET" "$CONTROL_TARGET"; do
        runner "$t" >/dev/null || fail "no single native executable $t/*-runner. Build it first (this check never does): ./mvnw -B package -Dnative -DskipTests -pl call-gateway,control-api (GRAALVM_HOME set; see docs/operations.md), or point GATEWAY_TARGET/CONTROL_TARGET at a native build"
    done
fi

# --- cleanup ------------------------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/container-check.XXXXXX")
containers=()
cleanup() {
    local c
    for c in "${containers[@]}"; do podman rm -f -t 5 "$c" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build --------------------------------------------------------------------------------------------------------
# A small context per image: only target/ with the artifacts the Dockerfile copies (hard links when possible).
stage() { # $1 service, $2 flavour, $3 artifact dir -> context dir
    local ctx="$WORK/ctx-$1-$2"
    mkdir -p "$ctx/target"
    if [ "$2" = jvm ]; then
        cp -rl "$3/quarkus-app" "$ctx/target/" 2>/dev/null || cp -r "$3/quarkus-app" "$ctx/target/"
    else
        local r; r=$(runner "$3")
        ln "$r" "$ctx/target/" 2>/dev/null || cp "$r" "$ctx/target/"
    fi
    echo "$ctx"
}
build() { # $1 service, $2 flavour (jvm|native), $3 artifact dir
    local dockerfile base ctx t0
    if [ "$2" = jvm ]; then dockerfile=Dockerfile.jvm base=$BASE_JVM; else dockerfile=Dockerfile.native-micro base=$BASE_NATIVE; fi
    ctx=$(stage "$1" "$2" "$3")
    t0=$(now)
    podman build -q --build-arg "BASE=$base" -f "$ROOT/$1/src/main/docker/$dockerfile" \
        -t "localhost/switchboard/$1-$2:$TAG" "$ctx" >/dev/null || fail "podman build of $1 ($2) failed"
    say "built localhost/switchboard/$1-$2:$TAG in $(secs "$t0" "$(now)") s"
}

# --- run ----------------------------------------------------------------------------------------------------------
wait_ready() { # $1 url, $2 container, $3 start time -> prints seconds to the first 200 from /q/health/ready
    local deadline=$(( $(date +%s) + 120 ))
    until curl -fs -o /dev/null --max-time 2 "$1/q/health/ready"; do
        if [ "$(podman inspect -f '{{.State.Running}}' "$2" 2>/dev/null)" != true ] || [ "$(date +%s)" -gt "$deadline" ]; then
            podman logs --tail 60 "$2" >&2 || true
            fail "$2 did not become ready at $1/q/health/ready"
        fi
        sleep 0.05
    done
    secs "$3" "$(now)"
}
rss_mb() { # resident set of the container's main process, MB
    local pid; pid=$(podman inspect -f '{{.State.Pid}}' "$1")
    awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"
}
image_mb() { podman image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.0f", $1 / 1000000 }'; }
started_in() { podman logs "$1" 2>&1 | grep -o 'started in [0-9.]*s' | head -n1 | sed 's/started in \([0-9.]*\)s/\1/'; }

results=()
check() { # $1 flavour
    local flavour=$1 control=switchboard-check-control-api-$1 gateway=switchboard-check-call-gateway-$1
    local token twilio_token capi gapi t0 ready_c ready_g
    token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    twilio_token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    podman rm -f "$control" "$gateway" >/dev/null 2>&1 || true
    containers+=("$gateway" "$control")

    t0=$(now)
    podman run -d --name "$control" \
        -p "127.0.0.1:$CHECK_CONTROL_PORT:8080" -p "127.0.0.1:$CHECK_GATEWAY_PORT:8081" \
        -e PORT=8080 -e PUBLIC_URL=http://127.0.0.1:8080 -e GATEWAY_PUBLIC_URL=http://127.0.0.1:8081 \
        -e SWITCHBOARD_INTERNAL_TOKEN="$token" -e TWILIO_AUTH_TOKEN="$twilio_token" \
        "localhost/switchboard/control-api-$flavour:$TAG" >/dev/null || fail "podman run $control failed"
    capi="http://$(podman port "$control" 8080/tcp)" gapi="http://$(podman port "$control" 8081/tcp)"
    ready_c=$(wait_ready "$capi" "$control" "$t0")
    say "$control ready $ready_c s after podman run (control-api $capi, call-gateway $gapi)"

    t0=$(now)
    podman run -d --name "$gateway" --network "container:$control" \
        -e PORT=8081 -e PUBLIC_URL=http://127.0.0.1:8081 -e CONTROL_API_URL=http://127.0.0.1:8080 \
        -e SWITCHBOARD_INTERNAL_TOKEN="$token" -e TWILIO_AUTH_TOKEN="$twilio_token" \
        "localhost/switchboard/call-gateway-$flavour:$TAG" >/dev/null || fail "podman run $gateway failed"
    ready_g=$(wait_ready "$gapi" "$gateway" "$t0")
    say "$gateway ready $ready_g s after podman run"
    local idle_c idle_g; idle_c=$(rss_mb "$control"); idle_g=$(rss_mb "$gateway")

    # the gateway links to control-api with backoff: wait until control-api counts it
    local deadline=$(( $(date +%s) + 60 ))
    until [ "$(curl -fs "$capi/api/status" | jq -r '.gatewayLinked // false')" = true ]; do
        [ "$(date +%s)" -gt "$deadline" ] && { podman logs --tail 40 "$gateway" >&2; fail "call-gateway never linked to control-api"; }
        sleep 0.2
    done

    local placed sid detail status t_call
    t_call=$(now)
    placed=$(curl -fsS -H 'Content-Type: application/json' -d '{"to": "+15551230000"}' "$capi/api/calls") \
        || fail "POST /api/calls failed"
    sid=$(jq -r .sid <<<"$placed")
    [ "$(jq -r .mode <<<"$placed")" = local ] || fail "call not placed in local mode: $placed"
    say "placed local call $sid; waiting for it to complete (up to $CALL_TIMEOUT s)"
    deadline=$(( $(date +%s) + CALL_TIMEOUT ))
    while :; do
        detail=$(curl -fsS "$capi/api/calls/$sid") || fail "GET /api/calls/$sid failed"
        status=$(jq -r .status <<<"$detail")
        case "$status" in completed) break ;; failed|busy|no-answer|canceled) break ;; esac
        if [ "$(date +%s)" -gt "$deadline" ]; then
            podman logs --tail 40 "$control" >&2; podman logs --tail 40 "$gateway" >&2
            fail "call $sid still '$status' after $CALL_TIMEOUT s"
        fi
        sleep 1
    done
    local call_s; call_s=$(secs "$t_call" "$(now)")
    local agent_lines caller_lines tools
    agent_lines=$(jq '[.transcript[]? | select(.speaker == "agent" and (.text // "") != "")] | length' <<<"$detail")
    caller_lines=$(jq '[.transcript[]? | select(.speaker == "caller" and (.text // "") != "")] | length' <<<"$detail")
    tools=$(jq -r '[.toolCalls[]?.name] | join(",")' <<<"$detail")
    jq -r '.transcript[]? | "    \(.speaker): \(.text)"' <<<"$detail"
    [ "$status" = completed ] || { podman logs --tail 40 "$gateway" >&2; fail "call $sid ended '$status'"; }
    [ "$agent_lines" -ge 1 ] && [ "$caller_lines" -ge 1 ] \
        || fail "call $sid completed without both transcripts (agent $agent_lines, caller $caller_lines lines)"
    say "call $sid completed in $call_s s: $caller_lines caller + $agent_lines agent transcript lines, tools [$tools], endReason $(jq -r .endReason <<<"$detail")"
    # The dashboard and alerts may only name metrics these containers serve after a call (this flavour's scrape).
    scripts/metrics-check.sh "$capi" "$gapi" | grep -v ': note: ' \
        || fail "the $flavour images do not serve what deploy/observability names (scripts/metrics-check.sh)"

    local busy_c busy_g; busy_c=$(rss_mb "$control"); busy_g=$(rss_mb "$gateway")
    local stats; stats=$(podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' "$control" "$gateway" 2>/dev/null || true)
    [ -n "$stats" ] && sed 's/^/    podman stats: /' <<<"$stats"
    results+=("$(printf '%-7s %-13s %6s MB %9s s %12s s %8s MB %9s MB' "$flavour" control-api \
        "$(image_mb "localhost/switchboard/control-api-$flavour:$TAG")" "$ready_c" "$(started_in "$control")" "$idle_c" "$busy_c")")
    results+=("$(printf '%-7s %-13s %6s MB %9s s %12s s %8s MB %9s MB' "$flavour" call-gateway \
        "$(image_mb "localhost/switchboard/call-gateway-$flavour:$TAG")" "$ready_g" "$(started_in "$gateway")" "$idle_g" "$busy_g")")
    results+=("$flavour: call $sid completed in $call_s s ($caller_lines caller + $agent_lines agent lines; tools [$tools])")

    podman rm -f -t 5 "$gateway" "$control" >/dev/null 2>&1 || true
}

if [ -n "$want_jvm" ]; then
    build call-gateway jvm "$GATEWAY_TARGET"
    build control-api jvm "$CONTROL_TARGET"
    check jvm
fi
if [ -n "$want_native" ]; then
    build call-gateway native "$GATEWAY_TARGET"
    build control-api native "$CONTROL_TARGET"
    check native
fi

echo
echo "flavour service        image     ready (from run)   Quarkus start   RSS idle   RSS after call"
for line in "${results[@]}"; do echo "$line"; done
echo "container-check: OK"
