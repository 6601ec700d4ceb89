#!/usr/bin/env bash
# Starts a private mail system for the Email auto-reply tests, from Debian's packages (dovecot-imapd,
# postfix): Dovecot IMAP and Postfix SMTP on 127.0.0.1, delivering into Maildirs that Dovecot serves.
# Everything (configs, queue, Maildirs, logs, pid files) lives in one folder; /etc is only read.
# Prints the connection as shell exports on stdout (progress goes to stderr):
#   eval "$(bash test/mail/start.sh)"      ...tests...      bash test/mail/stop.sh
# Mailboxes (login = address, one password): support@example.com (the inbox the template watches),
# support-team@example.com (where escalations and retrain reports go), customer@example.net (a customer).
# Postfix accepts mail for example.com / example.net from anyone (as an MX does), takes mail from
# support@example.com only after SMTP AUTH as that mailbox (Dovecot SASL), and sends nothing elsewhere.
# Settings (environment):
#   MAIL_TEST_IMAP_PORT  IMAP port (default 10143; test/e2e/credentials.e2e.json expects it)
#   MAIL_TEST_SMTP_PORT  SMTP port (default 10025; test/e2e/credentials.e2e.json expects it)
#   MAIL_TEST_DIR        working folder (default /tmp/support-ai-mail-test-<imap port>); wiped at each start.
#                        Not under /root: Postfix and Dovecot drop to their own users, who must reach it
#   MAIL_TEST_PASSWORD   password of every mailbox (default mail-test-password)
# Needs root (Postfix's master and Dovecot start as root and drop privileges) and the two packages:
#   apt-get install -y --no-install-recommends dovecot-imapd postfix
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
imap_port="${MAIL_TEST_IMAP_PORT:-10143}"
smtp_port="${MAIL_TEST_SMTP_PORT:-10025}"
password="${MAIL_TEST_PASSWORD:-mail-test-password}"
dir="${MAIL_TEST_DIR:-/tmp/support-ai-mail-test-$imap_port}"
mailboxes=(support@example.com support-team@example.com customer@example.net)

fail() { echo "mail-test: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (Postfix and Dovecot start as root and drop privileges)"
command -v dovecot >/dev/null && command -v postfix >/dev/null ||
  fail "install the servers first: apt-get install -y --no-install-recommends dovecot-imapd postfix"
if [ -f "$dir/dovecot.pid" ] || [ -f "$dir/postfix.pid" ]; then
  fail "already running in $dir; stop it first: MAIL_TEST_DIR=$dir bash $here/stop.sh"
fi

rm -rf "$dir"
# Postfix wants its configuration folder apart from its queue (it checks every file there is root's).
mkdir -p "$dir"/{dovecot/run,postfix/etc,postfix/queue,postfix/data,mail}
chmod 755 "$dir" "$dir/dovecot" "$dir/postfix"
chown postfix "$dir/postfix/data"
# Mailboxes belong to the Debian user "mail": Dovecot refuses root, Postfix's virtual agent writes as it.
mail_uid="$(id -u mail)"
mail_gid="$(id -g mail)"

: >"$dir/dovecot/users"
: >"$dir/postfix/etc/mailboxes"
: >"$dir/postfix/etc/sender-logins"
for address in "${mailboxes[@]}"; do
  user="${address%@*}"
  domain="${address#*@}"
  mkdir -p "$dir/mail/$domain/$user"/{cur,new,tmp}
  echo "$address:{PLAIN}$password::::::" >>"$dir/dovecot/users"
  echo "$address $domain/$user/" >>"$dir/postfix/etc/mailboxes"
  # The shop's own addresses send only after a login; customers' mail comes in as from the Internet.
  [ "$domain" = example.com ] && echo "$address $address" >>"$dir/postfix/etc/sender-logins"
done
chown -R mail:mail "$dir/mail"
chmod 640 "$dir/dovecot/users"
chgrp dovecot "$dir/dovecot/users"

sed -e "s|@DIR@|$dir|g" -e "s|@IMAP_PORT@|$imap_port|g" -e "s|@MAIL_UID@|$mail_uid|g" -e "s|@MAIL_GID@|$mail_gid|g" \
  "$here/dovecot.conf" >"$dir/dovecot/dovecot.conf"
sed -e "s|@DIR@|$dir|g" -e "s|@MAIL_UID@|$mail_uid|g" -e "s|@MAIL_GID@|$mail_gid|g" \
  "$here/main.cf" >"$dir/postfix/etc/main.cf"
sed -e "s|@SMTP_PORT@|$smtp_port|g" "$here/master.cf" >"$dir/postfix/etc/master.cf"

# Creates the queue's sub-folders with Postfix's own owners and modes, then checks the configuration.
postfix -c "$dir/postfix/etc" check >&2

nohup dovecot -F -c "$dir/dovecot/dovecot.conf" >"$dir/dovecot.out" 2>&1 </dev/null &
echo $! >"$dir/dovecot.pid"
nohup postfix -c "$dir/postfix/etc" start-fg >"$dir/postfix.log" 2>&1 </dev/null &
echo $! >"$dir/postfix.pid"

# Greetings on both ports, e.g. "* OK ..." and "220 ...".
greeting() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && head -c 3 <&3" 2>/dev/null || true; }
for _ in $(seq 1 120); do
  if [ "$(greeting "$imap_port")" = "* O" ] && [ "$(greeting "$smtp_port")" = "220" ]; then
    echo "mail-test: Dovecot IMAP on 127.0.0.1:$imap_port, Postfix SMTP on 127.0.0.1:$smtp_port (folder $dir)" >&2
    echo "export MAIL_TEST_IMAP_PORT=$imap_port"
    echo "export MAIL_TEST_SMTP_PORT=$smtp_port"
    echo "export MAIL_TEST_PASSWORD=$password"
    echo "export MAIL_TEST_DIR=$dir"
    exit 0
  fi
  for server in dovecot postfix; do
    if ! kill -0 "$(cat "$dir/$server.pid")" 2>/dev/null; then
      echo "mail-test: $server exited during start-up; logs:" >&2
      tail -n 30 "$dir/dovecot.out" "$dir/dovecot.log" "$dir/postfix.log" 2>/dev/null >&2 || true
      MAIL_TEST_DIR="$dir" bash "$here/stop.sh" || true
      exit 1
    fi
  done
  sleep 0.5
done
echo "mail-test: no greeting on the ports after 60 s; stopping. Logs:" >&2
tail -n 30 "$dir/dovecot.out" "$dir/dovecot.log" "$dir/postfix.log" 2>/dev/null >&2 || true
MAIL_TEST_DIR="$dir" bash "$here/stop.sh" || true
exit 1
