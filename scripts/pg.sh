#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the shared-library tests (issue 14).
#   scripts/pg.sh start   → starts it and prints its address (postgresql://…)
#   scripts/pg.sh stop    → stops it and removes its files
#   scripts/pg.sh ca      → prints the file of its TLS certificate
#   scripts/pg.sh halt    → stops the server, keeping its data (a server
#                           restart in the middle of a save, issue 14)
#   scripts/pg.sh resume  → starts it again, same port and settings
# It answers on localhost, and on 127.0.0.2 with a TLS certificate made here
# for that address, so the tests reach it both as "this machine" and as
# "another machine" (which Bản Tin reaches only over TLS, certificate checked).
# The cluster lives in $BANTIN_PG_DIR (default: $TMPDIR/bantin-pg-test) and
# listens on localhost only, on the first free port from $BANTIN_PG_PORT
# (default 54329). Its superuser is `bantin_test`; the tests make their own
# databases and roles in it. PostgreSQL refuses to run as root, so as root
# the server runs as the `postgres` user that Debian's package creates.
# Writes are not flushed to disk (fsync=off: a throw-away cluster) unless
# BANTIN_PG_FSYNC=on, as for benchmarks that state the server's settings.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -E  # the ERR trap below also fires inside functions

PG_DIR="${BANTIN_PG_DIR:-${TMPDIR:-/tmp}/bantin-pg-test}"
PG_BIN="${BANTIN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
PG_USER=bantin_test
PG_PASSWORD=bantin-test

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_stop() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}

pg_start() {
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    say "Chưa cài PostgreSQL (gói postgresql của Debian). Hãy chạy scripts/test.sh, hoặc: apt-get install postgresql"
    exit 1
  fi
  pg_stop
  # Whatever fails from here on leaves no half-started cluster behind.
  trap 'pg_stop' ERR
  local port="${BANTIN_PG_PORT:-54329}" tries=0
  while port_busy "$port"; do
    port=$((port + 1)); tries=$((tries + 1))
    [ "$tries" -lt 20 ] || { say "Không tìm được cổng trống cho PostgreSQL thử nghiệm."; exit 1; }
  done
  mkdir -p "$PG_DIR/sock"
  printf '%s\n' "$PG_PASSWORD" > "$PG_DIR/pwfile"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" --pwfile="$PG_DIR/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; false; }
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=bantin-test \
    -addext "subjectAltName=IP:127.0.0.2" \
    -keyout "$PG_DIR/server.key" -out "$PG_DIR/server.crt" >/dev/null 2>&1
  chmod 600 "$PG_DIR/server.key"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR/server.key" "$PG_DIR/server.crt"
  printf '%s' "-p $port -k $PG_DIR/sock -c listen_addresses=localhost,127.0.0.2 -c fsync=${BANTIN_PG_FSYNC:-off} -c ssl=on -c ssl_cert_file=$PG_DIR/server.crt -c ssl_key_file=$PG_DIR/server.key" > "$PG_DIR/options"
  pg_resume
  trap - ERR
  echo "postgresql://$PG_USER:$PG_PASSWORD@localhost:$port/postgres"
}

pg_resume() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "$(cat "$PG_DIR/options")" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; false; }
}

pg_halt() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
}

case "${1:-}" in
  start) pg_start ;;
  stop) pg_stop ;;
  ca) echo "$PG_DIR/server.crt" ;;
  halt) pg_halt ;;
  resume) pg_resume ;;
  *) echo "Cách dùng: scripts/pg.sh start|stop|ca|halt|resume" >&2; exit 2 ;;
esac
