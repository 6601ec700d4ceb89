#!/usr/bin/env bash
# Stops the mail servers started by start.sh (same MAIL_TEST_IMAP_PORT / MAIL_TEST_DIR). Succeeds when
# nothing is running. The folder is kept for its logs; the next start wipes it.
set -euo pipefail
. "$(dirname "$0")/../support/waitOrKill.sh"
imap_port="${MAIL_TEST_IMAP_PORT:-10143}"
dir="${MAIL_TEST_DIR:-/tmp/support-ai-mail-test-$imap_port}"
[ -d "$dir" ] || { echo "mail-test: not running ($dir absent)" >&2; exit 0; }
if [ -f "$dir/postfix.pid" ]; then
  postfix -c "$dir/postfix/etc" stop >&2 || kill "$(cat "$dir/postfix.pid")" 2>/dev/null || true
fi
if [ -f "$dir/dovecot.pid" ]; then kill "$(cat "$dir/dovecot.pid")" 2>/dev/null || true; fi
for server in postfix dovecot; do
  pid_file="$dir/$server.pid"
  [ -f "$pid_file" ] || continue
  wait_or_kill "mail-test: $server" "$(cat "$pid_file")" 10
  rm -f "$pid_file"
done
echo "mail-test: stopped ($dir)" >&2
