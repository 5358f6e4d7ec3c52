#!/usr/bin/env bash
# Import benchmark: the demo data set of N leads (default 1 000 000) through the real file inbox
# into HSQLDB or PostgreSQL, with the heap capped at 512 MB. Prints the hub's run summary:
# records read, seconds, records/s and peak heap of the import (generation is not timed).
#
#   bench/import.sh hsqldb [leads]
#   bench/import.sh postgres [leads]     # uses $BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test,
#                                        # in a schema revloop_bench that is dropped first (needs psql)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/import.sh hsqldb|postgres [leads]}
leads=${2:-1000000}
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_user=${BENCH_PG_USER:-postgres}

[ -f target/revloop.jar ] || mvn -q -B -DskipTests package

work=$(mktemp -d /tmp/revloop-bench.XXXXXX)
args=(--server.port=0 --revloop.demo.leads="$leads" --revloop.demo.end-date=2026-11-30
      --revloop.data-dir="$work/data" --revloop.sources.files.inbox="$work/inbox"
      --revloop.sources.files.schedule="0 0 0 1 1 ? 2099")
if [ "$db" = postgres ]; then
  psql "postgresql://$pg_user@${pg_url#jdbc:postgresql://}" -q -c "DROP SCHEMA IF EXISTS revloop_bench CASCADE; CREATE SCHEMA revloop_bench"
  args+=(--spring.datasource.url="$pg_url?currentSchema=revloop_bench" --spring.datasource.username="$pg_user"
         --spring.datasource.password= --spring.flyway.schemas=revloop_bench)
fi

echo "revloop import benchmark: $db, $leads leads, -Xmx512m, work dir $work"
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar target/revloop.jar "${args[@]}" > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
until grep -qE "files run [0-9]+ (succeeded|failed)" "$work/hub.log"; do
  if ! kill -0 $hub 2>/dev/null; then echo "the hub stopped:"; tail -30 "$work/hub.log"; exit 1; fi
  sleep 2
done
grep -E "Demo data:|files run [0-9]+ (succeeded|failed)" "$work/hub.log" | sed 's/^.*INFO [0-9]* --- //'
grep -qE "files run [0-9]+ succeeded" "$work/hub.log"
rm -rf "$work"
