#!/usr/bin/env bash
# Starts Azurite (npm; Microsoft's Azure Storage emulator) Blob service on
# 127.0.0.1:$AZURITE_BLOB_PORT (default 10000), data in "$SERVICES_DIR/azurite/data".
# Uses the repository's own azurite (a devDependency, installed by `npm ci`) unless AZURITE_BIN
# names another azurite-blob executable; without either it installs azurite@$AZURITE_VERSION
# into "$SERVICES_DIR/azurite/npm". Only the Blob service is started (Queue/Table are not needed
# by a storage driver). SharedKey and SAS signatures ARE verified. Idempotent.
#
# Account (Azurite's documented development account): devstoreaccount1 with the well-known key
# below. Path-style URLs: http://127.0.0.1:10000/devstoreaccount1/<container>/<blob>.
#
# Env: SERVICES_DIR, AZURITE_BLOB_PORT (10000), AZURITE_VERSION (3.37.0), AZURITE_BIN.
SVC_NAME=azurite
# shellcheck source=../_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../_lib.sh"

HOST=127.0.0.1
PORT=${AZURITE_BLOB_PORT:-10000}
VERSION=${AZURITE_VERSION:-3.37.0}
ACCOUNT=devstoreaccount1
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
STATE=$(svc_state azurite)
PIDFILE="$STATE/azurite.pid"

print_env() {
  emit_env "$STATE/env" <<EOF
AZURE_STORAGE_ACCOUNT=$ACCOUNT
AZURE_STORAGE_KEY=$KEY
AZURE_BLOB_ENDPOINT=http://$HOST:$PORT/$ACCOUNT
AZURE_STORAGE_CONNECTION_STRING='DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$KEY;BlobEndpoint=http://$HOST:$PORT/$ACCOUNT;'
AZURITE_DATA_DIR=$STATE/data
AZURITE_PIDFILE=$PIDFILE
AZURITE_LOG=$STATE/azurite.log
EOF
}

if pid_alive "$PIDFILE"; then
  svc_log "already running (pid $(cat "$PIDFILE"))"
  print_env
  exit 0
fi
port_busy "$HOST" "$PORT" && svc_die "$HOST:$PORT is taken by another process; set AZURITE_BLOB_PORT"

command -v node >/dev/null || svc_die "node is not installed"
BIN=${AZURITE_BIN:-}
REPO_BIN="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)/node_modules/.bin/azurite-blob"
[ -z "$BIN" ] && [ -x "$REPO_BIN" ] && BIN=$REPO_BIN
if [ -z "$BIN" ]; then
  BIN="$STATE/npm/node_modules/.bin/azurite-blob"
  if [ ! -x "$BIN" ] || [ "$(node -p "require('$STATE/npm/node_modules/azurite/package.json').version" 2>/dev/null)" != "$VERSION" ]; then
    svc_log "installing azurite@$VERSION"
    mkdir -p "$STATE/npm"
    [ -f "$STATE/npm/package.json" ] || printf '{"name":"azurite-runtime","private":true}\n' >"$STATE/npm/package.json"
    npm install --prefix "$STATE/npm" --no-audit --no-fund --loglevel=error "azurite@$VERSION" >&2 ||
      svc_die "npm install azurite@$VERSION failed"
  fi
fi
[ -x "$BIN" ] || svc_die "no azurite-blob executable at $BIN"

mkdir -p "$STATE/data"
# --disableTelemetry: Azurite otherwise sends usage telemetry to Microsoft (outbound traffic, which
# must never leave this machine). --skipApiVersionCheck: newer SDKs send x-ms-version values newer
# than this Azurite knows.
spawn "$PIDFILE" "$STATE/azurite.log" node "$BIN" --blobHost "$HOST" --blobPort "$PORT" \
  --location "$STATE/data" --debug "$STATE/debug.log" --disableTelemetry --skipApiVersionCheck \
  --disableProductStyleUrl
if ! wait_port "$HOST" "$PORT" 30 || ! pid_alive "$PIDFILE"; then
  tail -20 "$STATE/azurite.log" >&2
  stop_pidfile "$PIDFILE"
  svc_die "azurite did not start"
fi
svc_log "started (pid $(cat "$PIDFILE"))"
print_env
