# shellcheck shell=bash
# Helpers shared by scripts/test/services/*/start.sh and stop.sh (steps taken from the project's
# service recipes). Source it; do not run it.
#
# State: every service keeps what it writes under "$SERVICES_DIR/<service>/". `npm test` sets
# SERVICES_DIR (default: <tmpdir>/cloudmux-test-services, kept between runs so restarts are warm).
# Run by hand without it, the first script makes one with mktemp and remembers it in
# "${TMPDIR:-/tmp}/cloudmux-services.dir".

set -euo pipefail

svc_log() { printf '[%s] %s\n' "${SVC_NAME:-service}" "$*" >&2; }
svc_die() { svc_log "ERROR: $*"; exit 1; }

# Prints the services root directory, creating it on first use.
svc_root() {
  if [ -n "${SERVICES_DIR:-}" ]; then
    mkdir -p "$SERVICES_DIR"
    (cd "$SERVICES_DIR" && pwd)
    return
  fi
  local ptr="${TMPDIR:-/tmp}/cloudmux-services.dir" dir
  if [ -f "$ptr" ]; then
    dir=$(cat "$ptr")
    if [ -d "$dir" ]; then printf '%s\n' "$dir"; return; fi
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/cloudmux-services.XXXXXX")
  printf '%s\n' "$dir" >"$ptr"
  printf '%s\n' "$dir"
}

# Prints the state directory of service $1 if it exists, without creating anything (for
# stop.sh and check.sh); returns 1 if there is none.
svc_state_existing() {
  local root
  if [ -n "${SERVICES_DIR:-}" ]; then
    root=$SERVICES_DIR
  else
    root=$(cat "${TMPDIR:-/tmp}/cloudmux-services.dir" 2>/dev/null) || return 1
  fi
  [ -d "$root/$1" ] || return 1
  (cd "$root/$1" && pwd)
}

# Prints (and creates) the state directory of service $1.
svc_state() {
  local d
  d="$(svc_root)/$1"
  mkdir -p "$d"
  printf '%s\n' "$d"
}

# Installs the Debian packages named as arguments that are not installed yet.
ensure_pkgs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || svc_die "missing Debian packages: ${missing[*]} (run as root, or apt-get install them)"
  svc_log "installing: ${missing[*]}"
  # policy-rc.d keeps the packages' own system services from starting where the image has one;
  # we never want the system copies running, only ours.
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
      svc_die "apt-get install ${missing[*]} failed"
  fi
}

# True if process $1 exists and is not a zombie (an exited child that init has not reaped yet
# still answers kill -0).
proc_running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 0
  [ "$state" != Z ]
}

# True if pid file $1 exists and names a live process.
pid_alive() {
  local f=$1 pid
  [ -s "$f" ] || return 1
  pid=$(tr -dc '0-9' <"$f")
  [ -n "$pid" ] && proc_running "$pid"
}

# Waits until TCP $1:$2 accepts connections, up to $3 seconds (default 30).
wait_port() {
  local host=$1 port=$2 limit=${3:-30} i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# True if something already listens on TCP $1:$2.
port_busy() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Stops the process named in pid file $1 (TERM, then KILL after $2 seconds, default 10)
# and removes the pid file. Does nothing if it is not running.
stop_pidfile() {
  local f=$1 limit=${2:-10} pid i
  if ! pid_alive "$f"; then rm -f "$f"; return 0; fi
  pid=$(tr -dc '0-9' <"$f")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < limit * 10; i++)); do
    proc_running "$pid" || break
    sleep 0.1
  done
  if proc_running "$pid"; then
    svc_log "pid $pid ignored TERM; sending KILL"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# Starts a foreground command in the background, detached from this shell, logging to $2,
# and writes its pid to $1. Usage: spawn PIDFILE LOGFILE CMD ARGS...
spawn() {
  local pidf=$1 logf=$2
  shift 2
  setsid "$@" </dev/null >>"$logf" 2>&1 &
  printf '%s\n' "$!" >"$pidf"
}

# Writes the KEY=VALUE lines read from stdin to file $1 and prints them.
emit_env() {
  local f=$1
  cat >"$f"
  cat "$f"
}
