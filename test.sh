#!/usr/bin/env bash
# Runs every test of both services (README command 2).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
# The storage tests run on H2 always, and again on PostgreSQL when a server answers on 127.0.0.1:5432.
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    set -- -Dswitchboard.test.postgres=jdbc:postgresql://127.0.0.1:5432/test "$@"
else
    echo "PostgreSQL not reachable on 127.0.0.1:5432: storage tests run on H2 only." >&2
fi
./mvnw -B verify "$@"

# The operator console's browser tests drive the packaged services in headless Chromium.
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && command -v npm >/dev/null; then
    control-api/src/test/console/run-tests.sh
else
    echo "CONSOLE BROWSER TESTS SKIPPED: install chromium, nodejs and npm (Debian packages) to run them." >&2
fi
