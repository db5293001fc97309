#!/usr/bin/env bash
# Runs the console's browser tests: installs playwright-core from the lockfile when missing, then starts the
# packaged services (build them first: ./mvnw -B -DskipTests package; with SWITCHBOARD_PACKAGE_TYPE=native the native
# executables of ./mvnw -B package -Dnative) and drives them in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")"
. ../../../../scripts/jdk.sh
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    echo "console tests need Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (Debian: apt-get install -y chromium)" >&2
    exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund
fi
exec node --test --test-concurrency=1 --test-reporter=spec tests/
