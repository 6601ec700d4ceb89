#!/usr/bin/env bash
# Installs a real n8n (2.40.x: 2.41 needs a package version the registry here lacks) into a cache
# folder outside the repository and prints the path of its `n8n` entry script. Reused when present.
# Runs under Node 24 (scripts/node24.sh sets NODE24_HOME).
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.40.7}"
cache_root="${SUPPORT_AI_CACHE:-$HOME/.cache/n8n-nodes-support-ai}"
prefix="$cache_root/n8n-$N8N_VERSION-node$(node -p 'process.versions.modules')"
stamp="$prefix/.ready"

if [ ! -f "$stamp" ]; then
  echo "install-n8n: installing n8n@$N8N_VERSION into $prefix (several minutes, once)" >&2
  mkdir -p "$prefix"
  echo '{"name":"n8n-runtime","private":true}' > "$prefix/package.json"
  # --ignore-scripts: several install scripts download binaries from hosts outside the npm registry.
  (cd "$prefix" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2)
  # sqlite3's own install step would fetch a prebuilt binary; build it against Node 24's headers instead
  # (a user-level .npmrc may point nodedir at another Node's headers).
  echo "install-n8n: building sqlite3 for Node $(node --version)" >&2
  (cd "$prefix/node_modules/sqlite3" && "$prefix/node_modules/.bin/node-gyp" rebuild --nodedir="$NODE24_HOME" -j "$(nproc)" >&2)
  touch "$stamp"
fi

echo "$prefix/node_modules/n8n/bin/n8n"
