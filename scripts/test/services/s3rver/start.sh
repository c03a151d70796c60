#!/usr/bin/env bash
# Starts s3rver (npm, a fake S3 server) on 127.0.0.1:$S3RVER_PORT (default 4568), data in
# "$SERVICES_DIR/s3rver/data". Uses the repository's own s3rver (a devDependency, installed by
# `npm ci`) unless S3RVER_BIN names another s3rver executable; without either it installs
# s3rver@$S3RVER_VERSION into "$SERVICES_DIR/s3rver/npm". Idempotent: a second run reuses the
# running server.
#
# Credentials are hard-wired in s3rver: access key S3RVER, secret S3RVER.
# Signatures: V2 (header and presigned query) ARE verified; V4 is NOT verified — any well-formed
# AWS4-HMAC-SHA256 request with access key S3RVER passes, whatever the signature or payload hash.
# Requests with no auth at all are accepted too. Pass --allow-mismatched-signatures through
# S3RVER_ARGS to relax V2 as well.
#
# Env: SERVICES_DIR, S3RVER_PORT (4568), S3RVER_VERSION (3.7.1), S3RVER_BIN, S3RVER_ARGS.
SVC_NAME=s3rver
# shellcheck source=../_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

PORT=${S3RVER_PORT:-4568}
VERSION=${S3RVER_VERSION:-3.7.1}
HOST=127.0.0.1
STATE=$(svc_state s3rver)
PIDFILE="$STATE/s3rver.pid"

print_env() {
  emit_env "$STATE/env" <<EOF
S3_ENDPOINT=http://$HOST:$PORT
S3_HOST=$HOST
S3_PORT=$PORT
S3_REGION=us-east-1
S3_ACCESS_KEY_ID=S3RVER
S3_SECRET_ACCESS_KEY=S3RVER
S3_FORCE_PATH_STYLE=true
S3_DATA_DIR=$STATE/data
S3_PIDFILE=$PIDFILE
S3_LOG=$STATE/s3rver.log
EOF
}

if pid_alive "$PIDFILE"; then
  svc_log "already running (pid $(cat "$PIDFILE"))"
  print_env
  exit 0
fi
port_busy "$HOST" "$PORT" && svc_die "$HOST:$PORT is taken by another process; set S3RVER_PORT"

command -v node >/dev/null || svc_die "node is not installed"
BIN=${S3RVER_BIN:-}
REPO_BIN="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)/node_modules/.bin/s3rver"
[ -z "$BIN" ] && [ -x "$REPO_BIN" ] && BIN=$REPO_BIN
if [ -z "$BIN" ]; then
  BIN="$STATE/npm/node_modules/.bin/s3rver"
  if [ ! -x "$BIN" ] || [ "$(node -p "require('$STATE/npm/node_modules/s3rver/package.json').version" 2>/dev/null)" != "$VERSION" ]; then
    svc_log "installing s3rver@$VERSION"
    mkdir -p "$STATE/npm"
    [ -f "$STATE/npm/package.json" ] || printf '{"name":"s3rver-runtime","private":true}\n' >"$STATE/npm/package.json"
    npm install --prefix "$STATE/npm" --no-audit --no-fund --loglevel=error "s3rver@$VERSION" >&2 ||
      svc_die "npm install s3rver@$VERSION failed"
  fi
fi
[ -x "$BIN" ] || svc_die "no s3rver executable at $BIN"

mkdir -p "$STATE/data"
# shellcheck disable=SC2086  # S3RVER_ARGS is a word list on purpose
# --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES, which
# OpenSSL 3 only offers through its legacy provider; without it paginated V2 listings fail (500).
spawn "$PIDFILE" "$STATE/s3rver.log" node --openssl-legacy-provider "$BIN" --directory "$STATE/data" --address "$HOST" --port "$PORT" \
  --no-vhost-buckets ${S3RVER_ARGS:-}
if ! wait_port "$HOST" "$PORT" 30 || ! pid_alive "$PIDFILE"; then
  tail -20 "$STATE/s3rver.log" >&2
  stop_pidfile "$PIDFILE"
  svc_die "s3rver did not start"
fi
svc_log "started (pid $(cat "$PIDFILE"))"
print_env
