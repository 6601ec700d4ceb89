#!/usr/bin/env bash
# Installs the project's npm dependencies when package-lock.json changed since the last install
# (npm ci; install scripts stay off through .npmrc). Sourced by test.sh and start.sh under Node 24.
set -euo pipefail
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
