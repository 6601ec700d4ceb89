#!/usr/bin/env bash
# Starts a real Neo4j 5.26 for the KG Query tests in the background and waits until Bolt answers.
# Prints the connection as shell exports on stdout (progress goes to stderr), so callers can do
#   eval "$(bash test/neo4j/start.sh)"      ...tests...      bash test/neo4j/stop.sh
# Settings (environment):
#   NEO4J_TEST_PORT      Bolt port on 127.0.0.1 (default 7697, away from a developer's own 7687)
#   NEO4J_TEST_DIR       working folder: data, log, pid file (default $SUPPORT_AI_CACHE/neo4j-test-<port>);
#                        its data is wiped at each start, so every run begins with an empty graph
#   NEO4J_TEST_PASSWORD  password of the user neo4j (default kg-test-password)
#   NEO4J_TEST_HEAP      JVM heap (default 384m)
# Built with Maven from Maven Central on first use (cached in ~/.m2); needs Java 17+.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${NEO4J_TEST_PORT:-7697}"
password="${NEO4J_TEST_PASSWORD:-kg-test-password}"
heap="${NEO4J_TEST_HEAP:-384m}"
dir="${NEO4J_TEST_DIR:-${SUPPORT_AI_CACHE:-$HOME/.cache/n8n-nodes-support-ai}/neo4j-test-$port}"

if [ -f "$dir/neo4j.pid" ] && kill -0 "$(cat "$dir/neo4j.pid")" 2>/dev/null; then
  echo "neo4j-test: already running (pid $(cat "$dir/neo4j.pid")); stop it first: NEO4J_TEST_DIR=$dir bash $here/stop.sh" >&2
  exit 1
fi

if [ ! -f "$here/target/classes/launcher/Neo4jTestServer.class" ] ||
  [ -n "$(find "$here/pom.xml" "$here/src" -newer "$here/target/classes/launcher/Neo4jTestServer.class" -type f)" ]; then
  echo "neo4j-test: building the launcher (mvn package)" >&2
  (cd "$here" && mvn -q -B package) >&2
fi

rm -rf "$dir/data"
mkdir -p "$dir"
log="$dir/neo4j.log"
nohup java "-Xmx$heap" -XX:+UseSerialGC -cp "$here/target/classes:$here/target/dependency/*" \
  launcher.Neo4jTestServer "$dir/data" "$port" "$password" >"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$dir/neo4j.pid"

for _ in $(seq 1 240); do
  if grep -q '^ready ' "$log"; then
    echo "neo4j-test: ready on bolt://127.0.0.1:$port (pid $pid, log $log)" >&2
    echo "export NEO4J_TEST_URI=bolt://127.0.0.1:$port"
    echo "export NEO4J_TEST_USER=neo4j"
    echo "export NEO4J_TEST_PASSWORD=$password"
    echo "export NEO4J_TEST_DIR=$dir"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "neo4j-test: the server exited during start-up; its log:" >&2
    tail -n 40 "$log" >&2
    rm -f "$dir/neo4j.pid"
    exit 1
  fi
  sleep 0.5
done
echo "neo4j-test: no Bolt answer after 120 s; stopping it. Log tail:" >&2
tail -n 40 "$log" >&2
kill "$pid" 2>/dev/null || true
rm -f "$dir/neo4j.pid"
exit 1
