#!/usr/bin/env bash
# Salesforce sync benchmark: a first sync of N records (default 100 000: accounts, leads, contacts,
# opportunities, campaign members, tasks) from a stand-in org on 127.0.0.1
# (src/test/java/io/revloop/bench/SalesforceBenchmarkOrg.java, pages pre-rendered, so the hub is
# measured, not the network) through camel-salesforce into HSQLDB or PostgreSQL, heap capped at
# 512 MB. Prints the hub's run summary: records read, seconds, records/s and peak heap.
#
#   bench/salesforce.sh hsqldb [records]
#   bench/salesforce.sh postgres [records]   # uses $BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test,
#                                            # in a schema revloop_bench_sf that is dropped first (needs psql)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/salesforce.sh hsqldb|postgres [records]}
records=${2:-100000}
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${BENCH_PG_USER:-postgres}

[ -f target/revloop.jar ] || mvn -q -B -DskipTests package
[ -f target/test-classes/io/revloop/bench/SalesforceBenchmarkOrg.class ] || mvn -q -B test-compile

work=$(mktemp -d /tmp/revloop-bench-sf.XXXXXX)
java -Xmx1g -cp target/test-classes io.revloop.bench.SalesforceBenchmarkOrg "$work/org.port" "$records" \
  > "$work/org.log" 2>&1 &
org=$!
trap 'kill $org 2>/dev/null || true' EXIT
until [ -s "$work/org.port" ]; do
  if ! kill -0 $org 2>/dev/null; then echo "the stand-in org stopped:"; cat "$work/org.log"; exit 1; fi
  sleep 0.5
done
org_url="http://127.0.0.1:$(cat "$work/org.port")"

args=(--server.port=0 --revloop.demo.enabled=false --revloop.data-dir="$work/data"
      --revloop.sources.files.enabled=false --revloop.sources.files.inbox="$work/inbox"
      --revloop.sources.salesforce.enabled=true --revloop.sources.salesforce.login-url="$org_url"
      --revloop.sources.salesforce.client-id=bench --revloop.sources.salesforce.client-secret=bench
      --revloop.sources.salesforce.refresh-token=bench --revloop.sources.salesforce.bulk-threshold=100000000
      --revloop.sources.salesforce.schedule="* * * * * ?")
if [ "$db" = postgres ]; then
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DROP SCHEMA IF EXISTS revloop_bench_sf CASCADE; CREATE SCHEMA revloop_bench_sf"
  args+=(--spring.datasource.url="$pg_url?currentSchema=revloop_bench_sf" --spring.datasource.username="$pg_user"
         --spring.datasource.password= --spring.flyway.schemas=revloop_bench_sf)
fi

load=$(cut -d' ' -f1 /proc/loadavg)
echo "revloop Salesforce sync benchmark: $db, $records records, -Xmx512m, work dir $work"
java -Xmx512m -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-} -jar target/revloop.jar "${args[@]}" > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub $org 2>/dev/null || true' EXIT
# CPU seconds (user + system, all threads) the hub used from its first call to the org to the end of
# the run: on a shared machine the wall-clock rate depends on the other load, this does not
cpu_seconds() { awk '{printf "%.1f", ($14 + $15) / '"$(getconf CLK_TCK)"'}' /proc/$hub/stat; }
until grep -q "Login at Salesforce" "$work/hub.log"; do
  if ! kill -0 $hub 2>/dev/null; then echo "the hub stopped:"; tail -30 "$work/hub.log"; exit 1; fi
  sleep 0.1
done
cpu_start=$(cpu_seconds)
until grep -qE "salesforce run [0-9]+ (succeeded|failed)" "$work/hub.log"; do
  if ! kill -0 $hub 2>/dev/null; then echo "the hub stopped:"; tail -30 "$work/hub.log"; exit 1; fi
  sleep 0.1
done
cpu_end=$(cpu_seconds)
grep -m1 -E "salesforce run [0-9]+ (succeeded|failed)" "$work/hub.log" | sed -E "s/^.*(INFO|ERROR) [0-9]* --- //"
echo "hub CPU during the run: $(awk "BEGIN { printf \"%.1f\", $cpu_end - $cpu_start }") s (load average before: $load)"
grep -m1 -qE "salesforce run 1 succeeded" "$work/hub.log"
kill $hub 2>/dev/null || true; wait $hub 2>/dev/null || true
# keep the log for a look: KEEP=1
[ -n "${KEEP:-}" ] || rm -rf "$work"
