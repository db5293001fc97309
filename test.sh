#!/usr/bin/env bash
# Runs every test of both services (README command 2).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
./mvnw -B verify "$@"
