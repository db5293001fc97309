#!/usr/bin/env bash
# Runs every test of both services (README command 2).
#   ./test.sh              JVM: @QuarkusTest suites, then the ITs and the console tests against the fast-jars
#   ./test.sh --native     what CI runs: @QuarkusTest suites on the JVM, then both services built as native
#                          executables (one after the other) and every IT, the end-to-end local call and the console
#                          tests run against those executables instead of the jars (nothing runs twice).
#                          Needs GRAALVM_HOME (default: the stand-in home, assembled by scripts/native-home.sh).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
native=0
if [ "${1:-}" = --native ]; then
    native=1
    shift
fi
# The storage tests run on H2 always, and again on PostgreSQL when a server answers on 127.0.0.1:5432, in the
# database SWITCHBOARD_TEST_DATABASE (default "test"; created when missing).
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    database="${SWITCHBOARD_TEST_DATABASE:-test}"
    psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1 \
        || createdb -h 127.0.0.1 -U postgres "$database"
    set -- "-Dswitchboard.test.postgres=jdbc:postgresql://127.0.0.1:5432/$database" "$@"
else
    echo "PostgreSQL not reachable on 127.0.0.1:5432: storage tests run on H2 only." >&2
fi
if [ "$native" = 1 ]; then
    if [ -z "${GRAALVM_HOME:-}" ]; then
        export GRAALVM_HOME=/tmp/switchboard-graalvm
        scripts/native-home.sh "$GRAALVM_HOME"
    fi
    # -Ob (GraalVM's quick build mode: same analysis, reachability and metadata checks, less optimised code) roughly
    # halves the compile phase of a verification build. Release builds (README, "Native executables") never pass it.
    set -- -Dnative -Dquarkus.native.additional-build-args-append=-Ob "$@"
    export SWITCHBOARD_PACKAGE_TYPE=native
fi
./mvnw -B verify "$@"

# The operator console's browser tests drive the packaged services in headless Chromium.
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && command -v npm >/dev/null; then
    control-api/src/test/console/run-tests.sh
else
    echo "CONSOLE BROWSER TESTS SKIPPED: install chromium, nodejs and npm (Debian packages) to run them." >&2
fi
