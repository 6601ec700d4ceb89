#!/usr/bin/env bash
# Stops the Neo4j started by start.sh (same NEO4J_TEST_PORT / NEO4J_TEST_DIR): SIGTERM, then SIGKILL
# after 30 s. Succeeds when nothing is running.
set -euo pipefail
. "$(dirname "$0")/../support/waitOrKill.sh"
port="${NEO4J_TEST_PORT:-7697}"
dir="${NEO4J_TEST_DIR:-${SUPPORT_AI_CACHE:-$HOME/.cache/n8n-nodes-support-ai}/neo4j-test-$port}"
pid_file="$dir/neo4j.pid"
[ -f "$pid_file" ] || { echo "neo4j-test: not running ($pid_file absent)" >&2; exit 0; }
pid="$(cat "$pid_file")"
if kill "$pid" 2>/dev/null; then wait_or_kill neo4j-test "$pid" 30; fi
rm -f "$pid_file"
echo "neo4j-test: stopped (pid $pid)" >&2
