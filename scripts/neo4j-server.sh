#!/usr/bin/env bash
# Local Neo4j 5.26 Community server for kg, without Docker (tools/neo4j-server, built from Maven Central).
#
#   scripts/neo4j-server.sh build                      # mvn -q -B package (offline first, reuses ~/.m2)
#   scripts/neo4j-server.sh start [--port N] [--data DIR]   # background; prints bolt://127.0.0.1:PORT
#   scripts/neo4j-server.sh status | uri | stop
#   scripts/neo4j-server.sh run   [--port N] [--data DIR] [launcher options]   # foreground (used by tests)
#
# start: port 7687 by default (0 = any free port), data in $KG_NEO4J_STATE_DIR/data (default .neo4j/data).
# State (pid, uri, logs) lives in $KG_NEO4J_STATE_DIR (default: <repo>/.neo4j).
#
# Environment:
#   KG_NEO4J_PASSWORD        enable auth; user "neo4j" gets this password (>= 8 chars). Unset: auth off.
#   KG_NEO4J_HEAP            JVM heap (-Xms/-Xmx), default 1g
#   KG_NEO4J_JAVA_OPTS       extra JVM options
#   KG_NEO4J_START_TIMEOUT   seconds to wait for BOLT_URI (default 300)
#   KG_NEO4J_STATE_DIR       state folder (default <repo>/.neo4j)
#   KG_NEO4J_APOC=1          build: also copy optional APOC core into target/plugins (used when present)
#   KG_NEO4J_CDS=0           build/run without the AppCDS class archive (it cuts start-up CPU by ~40%)
#   JAVA_HOME / MVN          java (17 or 21) and maven to use
# Works non-interactively (CI=true, no stdin): nothing prompts, maven runs in batch mode.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJ="$ROOT/tools/neo4j-server"
STATE="${KG_NEO4J_STATE_DIR:-$ROOT/.neo4j}"
PID_FILE="$STATE/neo4j.pid"
URI_FILE="$STATE/uri"
OUT_FILE="$STATE/server.out"
LOG_FILE="$STATE/server.log"
MAIN_CLASS="kg.tools.neo4j.KgNeo4jServer"
CDS_ARCHIVE="$PROJ/target/kg-neo4j-server.jsa"
HEAP="${KG_NEO4J_HEAP:-1g}"
START_TIMEOUT="${KG_NEO4J_START_TIMEOUT:-300}"
STOP_TIMEOUT="${KG_NEO4J_STOP_TIMEOUT:-60}"
MVN="${MVN:-mvn}"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

# JVM flags that Neo4j 5.x puts in the shipped neo4j.conf (server.jvm.additional). In embedded mode the
# launcher must pass them itself. Without the --add-opens the DBMS still starts on Java 17, but the page
# cache falls back to a slower mode ("Reflection access to java.nio.DirectByteBuffer is not available")
# and native file preallocation/advice fails ("Incorrect file descriptor").
JVM_FLAGS=(
  "-Xms$HEAP" "-Xmx$HEAP"
  -XX:+UseG1GC
  -XX:+ExitOnOutOfMemoryError
  -XX:-OmitStackTraceInFastThrow
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true
  -Dfile.encoding=UTF-8
  # JVM (unified) logging to stderr only, so stdout carries nothing but the BOLT_URI line.
  -Xlog:disable -Xlog:all=warning:stderr
)
# shellcheck disable=SC2206
[[ -n "${KG_NEO4J_JAVA_OPTS:-}" ]] && JVM_FLAGS+=(${KG_NEO4J_JAVA_OPTS})

say() { printf 'neo4j-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

app_jar() { { compgen -G "$PROJ/target/kg-neo4j-server-*.jar" || true; } | head -n1; }

is_built() {
  [[ -f "$PROJ/target/classes/kg/tools/neo4j/KgNeo4jServer.class" ]] \
    && [[ -n "$(app_jar)" ]] \
    && compgen -G "$PROJ/target/lib/neo4j-kernel-*.jar" >/dev/null
}

cmd_build() {
  command -v "$MVN" >/dev/null 2>&1 || die "maven ($MVN) not found; install Maven 3.8+ and Java 17+"
  local args=(-q -B -f "$PROJ/pom.xml")
  if [[ "${KG_NEO4J_APOC:-0}" == 1 ]]; then
    args+=(-Papoc)
  else
    rm -rf "$PROJ/target/plugins"   # a plain build means: no plugins
  fi
  # Offline first (works without network once ~/.m2 is warm), then online. Output goes to stderr so
  # that stdout stays clean for callers that parse it.
  if "$MVN" -o "${args[@]}" package >/dev/null 2>&1; then
    say "built (offline) in $PROJ/target"
  else
    say "offline build not possible; resolving from Maven Central (first time: ~175 MB into ~/.m2)"
    "$MVN" "${args[@]}" package 1>&2 || die "maven build failed"
    say "built in $PROJ/target"
  fi
  make_cds_archive
}

# AppCDS: start the server once with -XX:ArchiveClassesAtExit; later starts map the archived classes
# (measured here: ~10-11 s of CPU per start instead of ~16-20 s). If the archive does not match the JVM or
# classpath later, the JVM prints a warning on stderr and starts without it.
make_cds_archive() {
  rm -f "$CDS_ARCHIVE"
  [[ "${KG_NEO4J_CDS:-1}" == 0 ]] && return 0
  local tmp pid waited=0
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/kg-neo4j-cds.XXXXXX")"
  say "creating the class-data archive (one server start/stop, ~10-30 s)"
  "$JAVA" "${JVM_FLAGS[@]}" -XX:ArchiveClassesAtExit="$CDS_ARCHIVE" -cp "$(classpath)" "$MAIN_CLASS" \
    --port 0 --data "$tmp/home" </dev/null >"$tmp/out" 2>"$tmp/log" &
  pid=$!
  while (( waited < START_TIMEOUT * 2 )) && kill -0 "$pid" 2>/dev/null; do
    grep -q '^BOLT_URI=' "$tmp/out" 2>/dev/null && break
    sleep 0.5
    waited=$((waited + 1))
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ -s "$CDS_ARCHIVE" ]]; then
    say "class-data archive: $CDS_ARCHIVE ($(du -h "$CDS_ARCHIVE" | cut -f1))"
  else
    say "warning: no class-data archive (start-up is just slower); log: $tmp/log"
    return 0
  fi
  rm -rf "$tmp"
}

cds_flags() {
  if [[ "${KG_NEO4J_CDS:-1}" != 0 && -s "$CDS_ARCHIVE" ]]; then
    printf '%s\n' "-XX:SharedArchiveFile=$CDS_ARCHIVE"
  fi
}

ensure_built() { is_built || cmd_build; }

classpath() {
  # The packaged jar rather than target/classes: AppCDS only archives classes from jars.
  local cp
  cp="$(app_jar):$PROJ/target/lib/*"
  # Plugin jars (optional APOC) must also be on the classpath, as bin/neo4j does: APOC registers its
  # injectable components (apoc.ApocConfig, ...) through ServiceLoader extension factories.
  if compgen -G "$PROJ/target/plugins/*.jar" >/dev/null; then cp="$cp:$PROJ/target/plugins/*"; fi
  printf '%s' "$cp"
}

plugin_args() {
  if compgen -G "$PROJ/target/plugins/*.jar" >/dev/null; then
    printf '%s\n' --plugins "$PROJ/target/plugins"
  fi
}

# Is $1 a live process of our launcher?
is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$MAIN_CLASS"
  else
    ps -o args= -p "$pid" 2>/dev/null | grep -q "$MAIN_CLASS"
  fi
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -d ' \n' <"$PID_FILE")"
  is_ours "$pid" && printf '%s' "$pid"
}

# run: foreground, exec java (so the caller's pid is the JVM's pid). stdout carries only BOLT_URI=...
cmd_run() {
  local port=0 data="$STATE/data" rest=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --data) data="$2"; shift 2 ;;
      *) rest+=("$1"); shift ;;
    esac
  done
  ensure_built
  local plugins=() cds=()
  mapfile -t plugins < <(plugin_args)
  mapfile -t cds < <(cds_flags)
  exec "$JAVA" "${JVM_FLAGS[@]}" ${cds[@]+"${cds[@]}"} -cp "$(classpath)" "$MAIN_CLASS" \
    --port "$port" --data "$data" ${plugins[@]+"${plugins[@]}"} ${rest[@]+"${rest[@]}"} </dev/null
}

cmd_start() {
  local port=7687 data="$STATE/data"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --data) data="$2"; shift 2 ;;
      *) die "start: unknown option $1 (use --port N, --data DIR)" ;;
    esac
  done
  mkdir -p "$STATE"
  local pid
  if pid="$(running_pid)"; then
    say "already running (pid $pid)"
    cat "$URI_FILE" 2>/dev/null || say "(no URI yet: it may still be starting; see $LOG_FILE)"
    return 0
  fi
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found; install Java 17 or 21 (or set JAVA_HOME)"
  ensure_built
  rm -f "$PID_FILE" "$URI_FILE"
  : >"$OUT_FILE"   # exists before the background job opens it (the wait loop reads it at once)
  local plugins=() cds=()
  mapfile -t plugins < <(plugin_args)
  mapfile -t cds < <(cds_flags)
  local launch=("$JAVA" "${JVM_FLAGS[@]}" ${cds[@]+"${cds[@]}"} -cp "$(classpath)" "$MAIN_CLASS"
                --port "$port" --data "$data" --pid-file "$PID_FILE" ${plugins[@]+"${plugins[@]}"})
  # Detach from the terminal/session so Ctrl-C in the shell or the end of a CI step does not kill it.
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "${launch[@]}" </dev/null >"$OUT_FILE" 2>"$LOG_FILE" &
  else
    nohup "${launch[@]}" </dev/null >"$OUT_FILE" 2>"$LOG_FILE" &
  fi
  local bg=$!
  local waited=0 uri=""
  while (( waited < START_TIMEOUT * 2 )); do
    uri="$(sed -n 's/^BOLT_URI=//p' "$OUT_FILE" 2>/dev/null | head -n1 || true)"
    [[ -n "$uri" ]] && break
    if ! kill -0 "$bg" 2>/dev/null && ! running_pid >/dev/null; then
      say "server exited during start-up; last log lines ($LOG_FILE):"
      tail -n 40 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  if [[ -z "$uri" ]]; then
    say "no BOLT_URI after ${START_TIMEOUT}s; stopping it. Last log lines ($LOG_FILE):"
    tail -n 40 "$LOG_FILE" >&2 || true
    cmd_stop >/dev/null 2>&1 || true
    exit 1
  fi
  [[ -s "$PID_FILE" ]] || echo "$bg" >"$PID_FILE"
  printf '%s\n' "$uri" >"$URI_FILE"
  say "started (pid $(cat "$PID_FILE"), data $data, log $LOG_FILE)"
  printf '%s\n' "$uri"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running"
    rm -f "$PID_FILE" "$URI_FILE"
    return 0
  fi
  kill -TERM "$pid"
  local i=0
  while is_ours "$pid" && (( i < STOP_TIMEOUT * 4 )); do sleep 0.25; i=$((i + 1)); done
  if is_ours "$pid"; then
    say "pid $pid did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$URI_FILE"
  say "stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    printf 'running pid=%s uri=%s\n' "$pid" "$(cat "$URI_FILE" 2>/dev/null || echo '?')"
  else
    echo "stopped"
    return 3
  fi
}

cmd_uri() {
  if running_pid >/dev/null && [[ -s "$URI_FILE" ]]; then
    cat "$URI_FILE"
  else
    say "not running"
    return 1
  fi
}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

sub="${1:-}"
[[ $# -gt 0 ]] && shift
case "$sub" in
  build) cmd_build "$@" ;;
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  uri) cmd_uri "$@" ;;
  run) cmd_run "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
