#!/usr/bin/env bash
# Runs every test of both services (README command 2).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
./mvnw -B verify "$@"

# The operator console's browser tests drive the packaged services in headless Chromium.
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && command -v npm >/dev/null; then
    control-api/src/test/console/run-tests.sh
else
    echo "CONSOLE BROWSER TESTS SKIPPED: install chromium, nodejs and npm (Debian packages) to run them." >&2
fi
