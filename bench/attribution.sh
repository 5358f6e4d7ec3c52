#!/usr/bin/env bash
# Attribution benchmark: imports the demo data set of N leads (default 1 000 000) through the file inbox
# into HSQLDB or PostgreSQL (heap capped at 512 MB), then times GET /api/attribution over the whole demo
# year for every model and GET /api/source-to-revenue, each answered from the store (FX table rebuilt
# by each request, included in the time).
#
#   bench/attribution.sh hsqldb [leads]
#   bench/attribution.sh postgres [leads]   # $BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test,
#                                           # schema revloop_bench_attribution, dropped first (needs psql)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/attribution.sh hsqldb|postgres [leads]}
leads=${2:-1000000}
port=${BENCH_PORT:-18093}
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${BENCH_PG_USER:-postgres}
schema=revloop_bench_attribution

[ -f target/revloop.jar ] || mvn -q -B -DskipTests package

work=$(mktemp -d /tmp/revloop-bench.XXXXXX)
args=(--server.port="$port" --revloop.demo.leads="$leads" --revloop.demo.end-date=2026-11-30
      --revloop.data-dir="$work/data" --revloop.sources.files.inbox="$work/inbox"
      --revloop.sources.files.schedule="0 0 0 1 1 ? 2099")
if [ "$db" = postgres ]; then
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
  args+=(--spring.datasource.url="$pg_url?currentSchema=$schema" --spring.datasource.username="$pg_user"
         --spring.datasource.password= --spring.flyway.schemas=$schema)
fi

echo "revloop attribution benchmark: $db, $leads leads, -Xmx512m, work dir $work"
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar target/revloop.jar "${args[@]}" > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true; rm -rf "$work"' EXIT
until grep -qE "files run [0-9]+ (succeeded|failed)" "$work/hub.log"; do
  if ! kill -0 $hub 2>/dev/null; then
    echo "the hub stopped:"; grep -m10 -E "ERROR|APPLICATION FAILED|OutOfMemory|Description:" -A3 "$work/hub.log"; exit 1
  fi
  sleep 2
done
grep -E "Demo data:|files run [0-9]+ (succeeded|failed)" "$work/hub.log" | sed 's/^.*INFO [0-9]* --- //'

timed() {
  local out
  out=$(curl -s -H "Authorization: Bearer $(cat "$work/data/admin-token")" -o "$work/answer.json" -w '%{http_code} %{time_total}' "http://localhost:$port$1")
  printf '%-75s %s s  (HTTP %s, %s bytes)\n' "$1" "${out#* }" "${out%% *}" "$(wc -c < "$work/answer.json")"
}
range="from=2025-12-01&to=2026-11-30"
for model in first_touch last_touch linear position_based time_decay w_shaped; do
  timed "/api/attribution?$range&model=$model&by=channel"
done
timed "/api/attribution?$range&by=campaign"
timed "/api/source-to-revenue?$range&by=channel"
timed "/api/source-to-revenue?$range&by=source"
echo "position_based by channel:"
curl -s -H "Authorization: Bearer $(cat "$work/data/admin-token")" "http://localhost:$port/api/attribution?$range&by=channel"; echo
grep -E "OutOfMemory|ERROR" "$work/hub.log" | head -5 || true
