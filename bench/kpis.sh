#!/usr/bin/env bash
# KPI compute benchmark on the demo data set of N leads (default 1 000 000), heap capped at 1 GB:
#  1. the recompute after the import (every KPI, every period: all values written),
#  2. a full recompute on unchanged data (POST /api/kpis/compute: everything computed, nothing written),
#  3. incremental recomputes after a sync that changes 1 % of the leads (each becomes an MQL at its
#     creation, or stops being one), once for the
#     most recently created 1 % and once for 1 % spread over the whole year (every 100th lead).
#
#   bench/kpis.sh hsqldb [leads]
#   bench/kpis.sh postgres [leads]      # $BENCH_PG_URL as for bench/import.sh, schema revloop_bench
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/kpis.sh hsqldb|postgres [leads]}
leads=${2:-1000000}
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${BENCH_PG_USER:-postgres}
port=${BENCH_PORT:-18080}

[ -f target/revloop.jar ] || mvn -q -B -DskipTests package

work=$(mktemp -d /tmp/revloop-bench.XXXXXX)
args=(--server.port="$port" --revloop.demo.leads="$leads" --revloop.demo.end-date=2026-11-30
      --revloop.data-dir="$work/data" --revloop.sources.files.inbox="$work/inbox"
      --revloop.sources.files.schedule="0 0 0 1 1 ? 2099" ${BENCH_ARGS:-})
if [ "$db" = postgres ]; then
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DROP SCHEMA IF EXISTS revloop_bench CASCADE; CREATE SCHEMA revloop_bench"
  args+=(--spring.datasource.url="$pg_url?currentSchema=revloop_bench" --spring.datasource.username="$pg_user"
         --spring.datasource.password= --spring.flyway.schemas=revloop_bench)
fi

echo "revloop KPI benchmark: $db, $leads leads, -Xmx1g, work dir $work"
java -Xmx1g -XX:+ExitOnOutOfMemoryError -jar target/revloop.jar "${args[@]}" > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT

wait_for() {
  until grep -qE "$1" "$work/hub.log"; do
    if ! kill -0 $hub 2>/dev/null; then echo "the hub stopped:"; tail -30 "$work/hub.log"; exit 1; fi
    sleep 2
  done
}
report() { grep -E "$1" "$work/hub.log" | tail -1 | sed 's/^.*INFO [0-9]* --- \[revloop\] \[[^]]*\] //'; }

wait_for "KPIs recomputed after files run 1 |Work after files run 1 failed"
report "files run 1 (succeeded|failed)"
report "KPIs recomputed after files run 1 "
grep -q "KPIs recomputed after files run 1 " "$work/hub.log"
echo "full recompute, unchanged data: $(curl -s -H "Authorization: Bearer $(cat "$work/data/admin-token")" -X POST "localhost:$port/api/kpis/compute")"

change_leads() { # $1 = awk condition on the data line number n; toggles each chosen lead's mql_at
  local archived
  archived=$(ls "$work"/inbox/archive/run-1/leads.csv)
  awk -F, -v OFS=, "NR == 1 { print; next } { n = NR - 1 } $1 { \$12 = (\$12 == \"\" ? \$11 : \"\"); print }" \
    "$archived" > "$work/leads.tmp"
  mv "$work/leads.tmp" "$work/inbox/leads.csv"
  sleep 3
}
total=$(($(wc -l < "$work"/inbox/archive/run-1/leads.csv) - 1))
change_leads "n > $total - $total / 100"
curl -s -H "Authorization: Bearer $(cat "$work/data/admin-token")" -X POST "localhost:$port/api/syncs?source=files" > /dev/null
wait_for "KPIs recomputed after files run 2 "
echo "1 % most recent leads changed:"; report "KPIs recomputed after files run 2 "
change_leads "n % 100 == 0"
curl -s -H "Authorization: Bearer $(cat "$work/data/admin-token")" -X POST "localhost:$port/api/syncs?source=files" > /dev/null
wait_for "KPIs recomputed after files run 3 "
echo "1 % of leads spread over the year changed:"; report "KPIs recomputed after files run 3 "
grep -E "peak heap|KPI compute heap" "$work/hub.log" | tail -3 | sed 's/^.*--- //' || true
cp "$work/hub.log" "${TMPDIR:-/tmp}/revloop-bench-kpis.log"; rm -rf "$work"
