#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the unit and in-process workflow tests
# on Node 24. Arguments go to jest (e.g. `npm test -- core/text`). The real-n8n e2e tests run with
# `npm run test:e2e`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NODE24_HOME:-}" ]; then exec bash scripts/node24.sh bash "$0" "$@"; fi

bash scripts/ensure-deps.sh
npm run --silent build >/dev/null
npx jest "$@"
