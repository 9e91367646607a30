#!/usr/bin/env bash
# Benchmark: stock Keycloak vs token families, measured side by side on one server in one run.
# Builds the JAR, prepares stock Keycloak (version from pom.xml) under target/bench in production mode
# (kc.sh build + start --optimized, embedded dev-file database, or DB=postgres: a private PostgreSQL from Debian's
# packages under target/bench/postgres), imports realms that differ only in refresh-token handling, runs
# bench/Bench.java and writes bench/results/latest.md (BENCH_OUT to change).
set -euo pipefail
cd "$(dirname "$0")/.."

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -1)
B=target/bench
KC=$B/keycloak-$KC_VERSION
PORT=${BENCH_PORT:-18080}
MGMT=${BENCH_MGMT_PORT:-19000}

echo "[bench] Keycloak $KC_VERSION, java: $(java -version 2>&1 | head -1)"
./mvnw -q -DskipTests -pl provider -am package
if [ ! -f "$KC/bin/kc.sh" ]; then
  ./mvnw -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz" -DoutputDirectory="$B"
  tar -xzf "$B/keycloak-quarkus-dist-$KC_VERSION.tar.gz" -C "$B" && rm -f "$B/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
fi
DB=${DB:-dev-file}
DB_OPTS=()
AS=()
KC_PID=
PGDIR=$PWD/$B/postgres
stop_all() {
  if [ -n "$KC_PID" ]; then pkill -P "$KC_PID" 2>/dev/null; kill "$KC_PID" 2>/dev/null; wait "$KC_PID" 2>/dev/null || true; fi
  if [ "$DB" = postgres ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop > /dev/null || true
  fi
}
trap stop_all EXIT
if [ "$DB" = postgres ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { echo "[bench] DB=postgres needs Debian's postgresql package"; exit 1; }
  PGPORT=${BENCH_PG_PORT:-15433}
  rm -rf "$PGDIR" && mkdir -p "$PGDIR"
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDIR"; AS=(runuser -u postgres --); fi   # initdb refuses root
  "${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U keycloak --auth=trust -E UTF8 > "$PGDIR/initdb.log"
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" -w -t 60 start \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200" > /dev/null
  "${AS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U keycloak keycloak
  DB_OPTS=(--db-url="jdbc:postgresql://127.0.0.1:$PGPORT/keycloak" --db-username=keycloak --db-password=unused)
  echo "[bench] PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
fi
rm -rf "$KC/data" "$KC"/providers/keycloak-token-families*.jar
cp provider/target/keycloak-token-families-*.jar "$KC/providers/"
mkdir -p "$KC/data/import" bench/results
python3 bench/bench-realms.py "$KC/data/import"

bash "$KC/bin/kc.sh" build --db="$DB" --health-enabled=true > "$B/build.log" 2>&1
# PROFILE=1 records a JFR profile of the server (target/bench/keycloak.jfr) for a partial run: SCENARIOS=B
if [ -n "${PROFILE:-}" ]; then export JAVA_OPTS_APPEND="-XX:StartFlightRecording=filename=$PWD/$B/keycloak.jfr,settings=profile"; fi
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  bash "$KC/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 \
  --http-port="$PORT" --http-management-port="$MGMT" --import-realm "${DB_OPTS[@]}" > "$B/keycloak.log" 2>&1 &
KC_PID=$!
trap stop_all EXIT

for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$MGMT/health/ready" >/dev/null && break
  kill -0 $KC_PID 2>/dev/null || { echo "[bench] Keycloak died, see $B/keycloak.log"; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$MGMT/health/ready" >/dev/null || { echo "[bench] Keycloak not ready"; exit 1; }
JVM_PID=$(pgrep -P "$KC_PID" java | head -1)   # kc.sh runs the JVM as its child
JVM_PID=${JVM_PID:-$KC_PID}
echo "[bench] Keycloak JVM pid $JVM_PID"

# BENCH_OUT=bench/results/tight-loop.md FAMILIES=1 bash bench/run.sh: each chain refreshes one family back to back
OUT=${BENCH_OUT:-bench/results/latest.md}
if [ "${FAMILIES:-300}" = 1 ]; then
  PATTERN="1 family each, refreshed back to back (tight loop: several refreshes of one family per second)"
else
  PATTERN="${FAMILIES:-300} families each (so that no family is refreshed twice in one second; real devices refresh minutes apart)"
fi
{
  echo "# Benchmark results"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); driver and server share the cores"
  echo "- Keycloak $KC_VERSION, production mode (start --optimized), $DB database; $(java -version 2>&1 | head -1)"
  echo "- Driver: bench/Bench.java, ${CHAINS:-8} concurrent chains of $PATTERN, ${ROUNDS:-5} measured rounds after at least ${WARMUP:-2} warm-up rounds (until P is steady, at most ${MAX_WARMUP:-10}), scenario order rotated every round, ${SECONDS_PER:-8} s per scenario per round, medians"
  echo
} > "$OUT.head"
java -Dfamilies="${FAMILIES:-300}" -Dscenarios="${SCENARIOS:-P,A,B,C,D,E-std,E-mobile,Q}" -Dchains="${CHAINS:-8}" -Dwarmup="${WARMUP:-2}" -DmaxWarmup="${MAX_WARMUP:-10}" -Drounds="${ROUNDS:-5}" -Dseconds="${SECONDS_PER:-8}" bench/Bench.java "http://127.0.0.1:$PORT" "$JVM_PID" "$OUT.body"
if [ -f "$OUT.body" ]; then
  cat "$OUT.head" "$OUT.body" > "$OUT" && rm -f "$OUT.head" "$OUT.body"
  echo "[bench] written to $OUT"
else
  rm -f "$OUT.head"   # partial (profiling) run: no report
fi
