#!/usr/bin/env bash
# HubSpot sync benchmark: full loads of N records (default 100 000: 10 % companies, 70 % contacts,
# 20 % deals) from a local HubSpot stub (bench/HubSpotStub.java, every page rendered before the hub
# starts), into HSQLDB or PostgreSQL, with the heap capped at 512 MB. Prints each run's summary
# (records read, seconds, records/s, peak heap after GC), then the first sync after the start and
# the last, warm one side by side.
#
# On PostgreSQL the hub does BENCH_RUNS full loads (default 3): the first right after it started,
# with its code still being compiled, then loads of as many new records (the stub moves every id on,
# the HubSpot cursors are deleted in between). On HSQLDB only the first (the database is inside the
# hub, so its cursors cannot be reset from outside).
#
#   bench/hubspot.sh hsqldb [records]
#   bench/hubspot.sh postgres [records]    # $BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test,
#                                          # in a schema revloop_bench that is dropped first (needs psql)
#   BENCH_RUNS=5 bench/hubspot.sh postgres # five full loads of new records in the same hub
#   BENCH_JVM_ARGS="-XX:StartFlightRecording=filename=/tmp/hub.jfr" bench/hubspot.sh postgres   # profile the hub
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/hubspot.sh hsqldb|postgres [records]}
records=${2:-100000}
companies=$((records / 10)); deals=$((records / 5)); contacts=$((records - companies - deals))
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${BENCH_PG_USER:-postgres}
stub_port=${BENCH_STUB_PORT:-18089}
hub_port=${BENCH_HUB_PORT:-18080}

[ -f target/revloop.jar ] || mvn -q -B -DskipTests package

work=$(mktemp -d /tmp/revloop-bench.XXXXXX)
java -Xmx1g -Dsun.net.httpserver.nodelay=true bench/HubSpotStub.java "$stub_port" "$companies" "$contacts" "$deals" > "$work/stub.log" 2>&1 &
stub=$!
hub=
trap 'kill $stub ${hub:-} 2>/dev/null || true' EXIT
until grep -q "HubSpot stub on" "$work/stub.log"; do
  kill -0 $stub 2>/dev/null || { cat "$work/stub.log"; exit 1; }
  sleep 0.5
done
# serve every page twice before the hub starts, so the stub's own HTTP code is compiled and costs
# next to nothing during the measured run (the pages themselves are rendered ahead by the stub)
for pass in 1 2; do
  for spec in companies:$companies contacts:$contacts deals:$deals; do
    type=${spec%%:*}; total=${spec#*:}
    [ "$total" -gt 0 ] || continue
    curl -s "http://127.0.0.1:$stub_port/crm/v3/objects/$type?archived=false&limit=100&after=[0-$(( (total - 1) / 100 * 100 )):100]" > /dev/null
  done
done

args=(--server.port="$hub_port" --revloop.demo.enabled=false --revloop.data-dir="$work/data"
      --revloop.sources.files.inbox="$work/inbox" --revloop.sources.files.schedule="0 0 0 1 1 ? 2099"
      --revloop.sources.hubspot.base-url="http://127.0.0.1:$stub_port"
      --revloop.sources.hubspot.rate=100000 --revloop.sources.hubspot.burst=100000)
# the hub's own batch size (revloop.sources.hubspot.batch-size) unless BENCH_BATCH_SIZE is given
[ -n "${BENCH_BATCH_SIZE:-}" ] && args+=(--revloop.sources.hubspot.batch-size="$BENCH_BATCH_SIZE")
if [ "$db" = postgres ]; then
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DROP SCHEMA IF EXISTS revloop_bench CASCADE; CREATE SCHEMA revloop_bench"
  args+=(--spring.datasource.url="$pg_url?currentSchema=revloop_bench" --spring.datasource.username="$pg_user"
         --spring.datasource.password= --spring.flyway.schemas=revloop_bench)
fi

echo "revloop HubSpot benchmark: $db, $records records ($companies companies, $contacts contacts, $deals deals), -Xmx512m"
HUBSPOT_ACCESS_TOKEN=bench-token java -Xmx512m -XX:+ExitOnOutOfMemoryError ${BENCH_JVM_ARGS:-} -jar target/revloop.jar "${args[@]}" > "$work/hub.log" 2>&1 &
hub=$!
until grep -q "Started RevloopApplication" "$work/hub.log"; do
  kill -0 $hub 2>/dev/null || { tail -30 "$work/hub.log"; exit 1; }
  sleep 0.5
done
sync_once() { # $1 = run number; waits for the run and the KPI recompute after it, prints the run's summary
  curl -s -H "Authorization: Bearer $(cat "$work/data/admin-token")" -X POST "localhost:$hub_port/api/syncs?source=hubspot" > /dev/null
  until grep -qE "hubspot run $1 (succeeded|failed)" "$work/hub.log"; do
    kill -0 $hub 2>/dev/null || { tail -30 "$work/hub.log"; exit 1; }
    sleep 0.2
  done
  grep -E "hubspot run $1 " "$work/hub.log" | sed 's/^.*INFO [0-9]* --- //'
  grep -qE "hubspot run $1 succeeded" "$work/hub.log"
  until grep -qE "KPIs recomputed after hubspot run $1 |Work after hubspot run $1 failed" "$work/hub.log"; do sleep 0.5; done
}
sync_once 1
runs=${BENCH_RUNS:-3}
[ "$db" = postgres ] || runs=1
for ((run = 2; run <= runs; run++)); do
  curl -s -X POST "http://127.0.0.1:$stub_port/bench/next" > /dev/null
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DELETE FROM revloop_bench.sync_state WHERE source = 'hubspot'"
  sync_once $run
done
rate() { grep -E "hubspot run $1 succeeded" "$work/hub.log" | grep -oE '[0-9]+ records/s'; }
echo "first sync after the start: $(rate 1)"
[ "$runs" -gt 1 ] && echo "warm hub, full load $runs of $runs: $(rate "$runs")"
cp "$work/hub.log" "${TMPDIR:-/tmp}/revloop-bench-hubspot.log"; rm -rf "$work"
