#!/usr/bin/env bash
# Validates every manifest under deploy/ against its schema and Switchboard's rules, then runs the validator's own
# tests (which prove that broken manifests fail). Needs Node.js 18+ and npm; dependencies are pinned in
# deploy/validate/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../deploy/validate"
command -v node >/dev/null && command -v npm >/dev/null || { echo "deploy-validate: node and npm are required" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
node validate.mjs
node --test
