# Sourced by the test servers' stop scripts (test/neo4j, test/mail).
# wait_or_kill <label> <pid> <grace seconds>: waits for a process already sent SIGTERM to end; past the
# grace time it is killed, so a stuck server never leaves CI hanging.
wait_or_kill() {
  local label="$1" pid="$2" grace="$3"
  for _ in $(seq 1 $((grace * 4))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  echo "$label (pid $pid) ignored SIGTERM for $grace s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
}
