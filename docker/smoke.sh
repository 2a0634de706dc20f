#!/usr/bin/env bash
# Smoke test of the containerised stack (docker/compose.yaml): builds the jars and the images,
# starts PostgreSQL, Kafka and both apps, records one deployment through the command API and one
# through the batch API as a registered source, and waits until the query API serves both; then, as an
# auditor, downloads the ledger's dump once a checkpoint covers it and verifies it offline with the verifier.
#
#   docker/smoke.sh                 # from any directory
#   SKIP_BUILD=1 docker/smoke.sh    # reuse the jars already in */target
#   KEEP=1 docker/smoke.sh          # leave the stack running afterwards
#
# Other knobs: HEALTH_TIMEOUT (s, default 180), PROJECTION_TIMEOUT (s, default 60),
# COMPOSE_PROJECT (default changeledger-smoke). Needs docker with compose (v2 plugin, or the
# standalone docker-compose) and curl. Exits non-zero on failure, after printing the logs of the
# services involved.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

project=${COMPOSE_PROJECT:-changeledger-smoke}
health_timeout=${HEALTH_TIMEOUT:-180}
projection_timeout=${PROJECTION_TIMEOUT:-60}
command_url=http://localhost:8080
query_url=http://localhost:8081
apps=(command-side query-side)
# both apps take this admin token (compose.yaml requires one); the smoke test calls as admin but where a source calls
export CHANGELEDGER_ADMIN_TOKEN=${CHANGELEDGER_ADMIN_TOKEN:-smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
admin=(-H "Authorization: Bearer $CHANGELEDGER_ADMIN_TOKEN")

log() { printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "smoke: neither 'docker compose' nor 'docker-compose' is available" >&2
  exit 1
fi
compose+=(-f docker/compose.yaml -p "$project")

# services whose logs are worth reading if the test fails; empty means all of them
suspects=()
work=$(mktemp -d)

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ "$rc" -ne 0 ]; then
    echo "smoke test FAILED (exit $rc)" >&2
    "${compose[@]}" ps >&2
    "${compose[@]}" logs --no-color --tail 100 "${suspects[@]}" >&2
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    log "KEEP=1: the stack stays up; stop it with: ${compose[*]} down -v"
  else
    log "stopping the stack"
    "${compose[@]}" down -v --remove-orphans
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "smoke: $*" >&2
  exit 1
}

# --- 1. jars and images ------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the jars"
  ./mvnw -q -DskipTests -pl command-side,query-side,verifier -am package
fi
for jar in command-side/target/command-side.jar query-side/target/query-side.jar verifier/target/changeledger-verifier.jar; do
  [ -f "$jar" ] || fail "$jar is missing (build it, or run without SKIP_BUILD=1)"
done

log "starting the stack (${compose[*]})"
start=$SECONDS
"${compose[@]}" up -d --build
log "containers started $((SECONDS - start)) s after the build began"
start=$SECONDS

# --- 2. both apps healthy: the actuator says UP and so does Docker's HEALTHCHECK ----------------
container_health() {
  local id
  id=$("${compose[@]}" ps -a -q "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] || { echo missing; return; }
  docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null \
    || echo missing
}

declare -A url=([command-side]=$command_url [query-side]=$query_url)
declare -A ready=()
deadline=$((SECONDS + health_timeout))
while :; do
  for app in "${apps[@]}"; do
    [ -n "${ready[$app]:-}" ] && continue
    if curl -fsS --max-time 5 "${url[$app]}/actuator/health" 2>/dev/null | grep -q '"status":"UP"' \
       && [ "$(container_health "$app")" = healthy ]; then
      ready[$app]=1
      log "$app is UP and Docker reports it healthy, $((SECONDS - start)) s after start"
    fi
  done
  [ "${#ready[@]}" -eq "${#apps[@]}" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    for app in "${apps[@]}"; do
      [ -n "${ready[$app]:-}" ] || { suspects+=("$app"); log "$app: not ready (Docker: $(container_health "$app"))"; }
    done
    for dep in postgres kafka; do
      state=$(container_health "$dep")
      case $state in healthy|running) ;; *) suspects+=("$dep"); log "$dep: $state" ;; esac
    done
    fail "the apps were not healthy within ${health_timeout} s"
  fi
  sleep 3
done

# --- 3. write through the command side ---------------------------------------------------------
suspects=(command-side)
log "POST $command_url/api/v1/changes/deployments"
status=$(curl "${admin[@]}" -sS --max-time 30 -o "$work/post.json" -D "$work/post.headers" -w '%{http_code}' \
  -H 'Content-Type: application/json' \
  -d '{"service":"checkout","environment":"production","version":"1.4.2","actor":"alice","ticket":"OPS-42"}' \
  "$command_url/api/v1/changes/deployments") || status=000
body=$(cat "$work/post.json" 2>/dev/null || true)
[ "$status" = 201 ] || fail "POST answered HTTP $status: $body"
id=$(sed -n 's/.*"id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$body")
[ -n "$id" ] || fail "no id in the POST's answer: $body"
location=$(tr -d '\r' <"$work/post.headers" | sed -n 's/^[Ll]ocation:[[:space:]]*//p')
log "201 Created, id $id, Location ${location:-<none>}"

# --- 4. read it back from the query side once projected ----------------------------------------
suspects=(command-side query-side kafka)
log "polling $query_url/api/v1/changes/$id (up to ${projection_timeout} s)"
t0=$SECONDS
deadline=$((SECONDS + projection_timeout))
while :; do
  status=$(curl "${admin[@]}" -sS --max-time 5 -o "$work/get.json" -w '%{http_code}' \
    "$query_url/api/v1/changes/$id" 2>/dev/null) || status=000
  [ "$status" = 200 ] && break
  [ "$SECONDS" -ge "$deadline" ] \
    && fail "GET /api/v1/changes/$id still answers HTTP $status after ${projection_timeout} s: $(cat "$work/get.json" 2>/dev/null)"
  sleep 1
done
json=$(cat "$work/get.json")
grep -q "$id" <<<"$json" || fail "the query side's answer does not carry id $id: $json"
log "projected after $((SECONDS - t0)) s:"
echo "$json"

# --- 5. a tool's batch, as a registered source with its token ------------------------------------
suspects=(command-side query-side)
source_name="smoke-$RANDOM$RANDOM"
log "registering source $source_name and sending it a batch"
status=$(curl "${admin[@]}" -sS --max-time 30 -o "$work/source.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"name\":\"$source_name\",\"kind\":\"API\",\"registeredBy\":\"smoke\"}" \
  "$command_url/api/v1/admin/sources") || status=000
[ "$status" = 201 ] || fail "registering a source answered HTTP $status: $(cat "$work/source.json" 2>/dev/null)"
token=$(sed -n 's/.*"credential"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/source.json")
[ -n "$token" ] || fail "no credential in the registration's answer: $(cat "$work/source.json")"
status=$(curl -sS --max-time 30 -o "$work/batch.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $token" \
  -d '[{"type":"deployment.recorded","idempotencyKey":"smoke-1","data":{"service":"payments","environment":"staging","version":"2.0.0","actor":"argocd"}}]' \
  "$command_url/api/v1/events") || status=000
batch=$(cat "$work/batch.json" 2>/dev/null || true)
[ "$status" = 200 ] && grep -q '"status":"RECORDED"' <<<"$batch" || fail "the batch answered HTTP $status: $batch"
batch_id=$(sed -n 's/.*"id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$batch")
deadline=$((SECONDS + projection_timeout))
until [ "$(curl "${admin[@]}" -sS --max-time 5 -o /dev/null -w '%{http_code}' "$query_url/api/v1/changes/$batch_id" 2>/dev/null)" = 200 ]; do
  [ "$SECONDS" -ge "$deadline" ] && fail "the batch's change $batch_id was not on the query side after ${projection_timeout} s"
  sleep 1
done
log "the batch's change $batch_id is on the query side"

# --- 6. an auditor checks the ledger offline, with the signing key's public half -----------------
suspects=(command-side query-side)
"${compose[@]}" exec -T command-side cat /var/lib/changeledger/keys/checkpoint-signing.pub.pem >"$work/keys.pem" \
  || fail "could not read the checkpoint signing key's public half from the command side"
size=$(curl "${admin[@]}" -sS --max-time 5 "$query_url/api/v1/ledger/tree" | sed -n 's/^{"size":\([0-9]*\).*/\1/p')
[ -n "$size" ] && [ "$size" -gt 0 ] || fail "the query side's tree is empty: $(curl "${admin[@]}" -sS "$query_url/api/v1/ledger/tree")"
log "waiting for a verified checkpoint of at least $size events"
deadline=$((SECONDS + projection_timeout))
while :; do
  signed=$(curl "${admin[@]}" -sS --max-time 5 "$query_url/api/v1/ledger/checkpoints/latest" 2>/dev/null \
    | sed -n 's/.*"treeSize":\([0-9]*\).*/\1/p')
  [ -n "$signed" ] && [ "$signed" -ge "$size" ] && break
  [ "$SECONDS" -ge "$deadline" ] && fail "no verified checkpoint of $size events after ${projection_timeout} s"
  sleep 1
done
curl "${admin[@]}" -fsS --max-time 60 -o "$work/ledger.ndjson" "$query_url/api/v1/ledger/dump" || fail "the dump could not be downloaded"
java -jar verifier/target/changeledger-verifier.jar dump "$work/ledger.ndjson" --keys "$work/keys.pem" \
  || fail "the offline verifier did not accept the ledger's dump"
echo "smoke test passed"
