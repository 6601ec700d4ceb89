#!/usr/bin/env bash
# Starts a local n8n (2.40.x on Node 24) with this package installed as a community package, the
# workflow templates imported, and the embedded defaults (built-in models, demo graphs) ready.
# PORT (default 5678) and N8N_LOCAL_USER_FOLDER (default: a folder in the cache) can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NODE24_HOME:-}" ]; then exec bash scripts/node24.sh bash "$0" "$@"; fi

bash scripts/ensure-deps.sh
npm run --silent build >/dev/null
exec npx tsx scripts/startN8n.ts
