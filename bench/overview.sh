#!/usr/bin/env bash
# Overview page benchmark: the API calls of the web app's first Overview render on the demo data set of
# N leads (default 1 000 000): GET /api/me, then the KPI catalogue and the 8 headline KPIs of the last 13
# months in parallel (as the browser makes them). Times 5 rounds after the import's KPI recompute.
#
#   bench/overview.sh hsqldb [leads]
#   bench/overview.sh postgres [leads]   # $BENCH_PG_URL as for bench/import.sh, schema revloop_bench
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/overview.sh hsqldb|postgres [leads]}
leads=${2:-1000000}
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${BENCH_PG_USER:-postgres}
port=${BENCH_PORT:-18080}
kpis="new_opportunities won_revenue win_rate cac cost_per_lead pipeline_velocity net_revenue_retention lead_to_customer_rate"

[ -f target/revloop.jar ] || mvn -q -B -DskipTests package

work=$(mktemp -d /tmp/revloop-bench.XXXXXX)
args=(--server.port="$port" --revloop.demo.leads="$leads" --revloop.demo.end-date=2026-11-30
      --revloop.data-dir="$work/data" --revloop.sources.files.inbox="$work/inbox"
      --revloop.sources.files.schedule="0 0 0 1 1 ? 2099")
if [ "$db" = postgres ]; then
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DROP SCHEMA IF EXISTS revloop_bench CASCADE; CREATE SCHEMA revloop_bench"
  args+=(--spring.datasource.url="$pg_url?currentSchema=revloop_bench" --spring.datasource.username="$pg_user"
         --spring.datasource.password= --spring.flyway.schemas=revloop_bench)
fi

echo "revloop Overview benchmark: $db, $leads leads, work dir $work"
java -Xmx1g -XX:+ExitOnOutOfMemoryError -jar target/revloop.jar "${args[@]}" > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
until grep -qE "KPIs recomputed after files run 1 |Work after files run 1 failed" "$work/hub.log"; do
  if ! kill -0 $hub 2>/dev/null; then echo "the hub stopped:"; tail -30 "$work/hub.log"; exit 1; fi
  sleep 2
done
grep -E "KPIs recomputed after files run 1 " "$work/hub.log" | sed 's/^.*--- //'

token=(-s -H "Authorization: Bearer $(cat "$work/data/admin-token")")
auth=("${token[@]}" -o /dev/null)
api="http://localhost:$port/api"
today=$(curl "${token[@]}" "$api/me" | sed 's/.*"today":"\([0-9-]*\)".*/\1/')
from=$(date -d "${today:0:7}-01 -12 months" +%F)
echo "today $today, months from $from"
for round in 1 2 3 4 5; do
  start=$(date +%s%N)
  curl "${auth[@]}" "$api/me"
  pids=()
  curl "${auth[@]}" "$api/kpis/catalog" & pids+=($!)
  for kpi in $kpis; do
    curl "${auth[@]}" -w "%{http_code} $kpi %{time_total}s\n" "$api/kpis?kpi=$kpi&grain=month&from=$from&to=$today" \
      >> "$work/calls.log" & pids+=($!)
  done
  wait "${pids[@]}"
  echo "round $round: $(( ($(date +%s%N) - start) / 1000000 )) ms for the Overview's 10 calls"
done
awk '{ sub("s$", "", $3); if ($3 > slowest[$2]) slowest[$2] = $3; status[$2] = $1 }
     END { for (k in slowest) printf "%s (HTTP %s): slowest of 5 %.3f s\n", k, status[k], slowest[k] }' "$work/calls.log"
cp "$work/hub.log" "${TMPDIR:-/tmp}/revloop-bench-overview.log"; rm -rf "$work"
