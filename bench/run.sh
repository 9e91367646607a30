#!/usr/bin/env bash
# Benchmark: stock Keycloak vs token families, measured side by side on one server in one run.
# Builds the JAR, prepares stock Keycloak (version from pom.xml) under target/bench in production mode
# (kc.sh build + start --optimized, embedded dev-file database, or DB=postgres: a private PostgreSQL from Debian's
# packages under target/bench/postgres), imports realms that differ only in refresh-token handling, runs
# bench/Bench.java and writes bench/results/latest.md (BENCH_OUT to change).
# CLUSTER=1: two nodes on one private PostgreSQL, clustered by Keycloak's embedded Infinispan (JGroups jdbc-ping);
# every chain alternates nodes request by request. SCALE_FAMILIES=N: bench-b first gets N live families (real logins),
# heap and database bytes per family and the admin devices listing of a 50-family user are measured. See README.
set -euo pipefail
cd "$(dirname "$0")/.."

KC_VERSION=${KC_VERSION:-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -1)}   # KC_VERSION=26.4.7: another supported line
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
CLUSTER=${CLUSTER:-}
SCALE_FAMILIES=${SCALE_FAMILIES:-}
DB=${DB:-dev-file}
if [ -n "$CLUSTER" ] && [ -n "$SCALE_FAMILIES" ]; then
  echo "[bench] CLUSTER and SCALE_FAMILIES are two variants: run one at a time"; exit 1
fi
if [ -n "$CLUSTER$SCALE_FAMILIES" ] && [ "$DB" != postgres ]; then
  echo "[bench] CLUSTER and SCALE_FAMILIES run on PostgreSQL: add DB=postgres"; exit 1
fi
DB_OPTS=()
AS=()
KC_PID=
KC_PIDS=()
PGDIR=$PWD/$B/postgres
stop_all() {
  for p in $KC_PID "${KC_PIDS[@]}"; do
    pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true
  done
  if [ "$DB" = postgres ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop > /dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM   # Ctrl-C: exit, so that the EXIT trap stops every process started here
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
if [ -n "$SCALE_FAMILIES" ]; then
  # 50 families per user, at least 2,000 users whatever N is, so that the population size is the only difference
  # between two runs; sessions stay live for 10 hours (SSO idle), longer than populating and measuring take
  export SCALE_USERS=$(( (SCALE_FAMILIES + 49) / 50 > 2000 ? (SCALE_FAMILIES + 49) / 50 : 2000 )) SESSION_IDLE=36000
fi
python3 bench/bench-realms.py "$KC/data/import"

bash "$KC/bin/kc.sh" build --db="$DB" --health-enabled=true > "$B/build.log" 2>&1
# PROFILE=1 records a JFR profile of the server (target/bench/keycloak.jfr) for a partial run: SCENARIOS=B
if [ -n "${PROFILE:-}" ]; then export JAVA_OPTS_APPEND="-XX:StartFlightRecording=filename=$PWD/$B/keycloak.jfr,settings=profile"; fi
await_ready() {   # <kc.sh pid> <management port> <log>
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$2/health/ready" >/dev/null && break
    kill -0 "$1" 2>/dev/null || { echo "[bench] Keycloak died, see $3"; exit 1; }
    sleep 1
  done
  curl -sf "http://127.0.0.1:$2/health/ready" >/dev/null || { echo "[bench] Keycloak not ready"; exit 1; }
}
if [ -z "$CLUSTER" ]; then
  CACHE_OPTS=()
  if [ -n "${BENCH_JGROUPS_PORT:-}" ]; then
    CACHE_OPTS=(--cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$BENCH_JGROUPS_PORT")
  fi
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    bash "$KC/bin/kc.sh" start --optimized --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 \
    --http-port="$PORT" --http-management-port="$MGMT" --import-realm "${DB_OPTS[@]}" "${CACHE_OPTS[@]}" > "$B/keycloak.log" 2>&1 &
  KC_PID=$!
  await_ready "$KC_PID" "$MGMT" "$B/keycloak.log"
  JVM_PID=$(pgrep -P "$KC_PID" java | head -1)   # kc.sh runs the JVM as its child
  JVM_PID=${JVM_PID:-$KC_PID}
  echo "[bench] Keycloak JVM pid $JVM_PID"
  URLS="http://127.0.0.1:$PORT"
  PIDS=$JVM_PID
else
  # two copies of the built distribution (each node its own data/), one fixed --hostname so that a token issued by
  # one node is valid at the other (as provider/src/test/.../it/support/KeycloakCluster.java); node 1 imports the realms
  PORT2=${BENCH_PORT2:-$((PORT + 1))}
  MGMT2=${BENCH_MGMT_PORT2:-$((MGMT + 1))}
  JG=${BENCH_JGROUPS_PORT:-17800}
  URLS=; PIDS=
  for i in 1 2; do
    rm -rf "$B/node$i" && cp -a "$KC" "$B/node$i"
    [ "$i" = 2 ] && rm -rf "$B/node2/data/import"
    P=$([ "$i" = 1 ] && echo "$PORT" || echo "$PORT2"); M=$([ "$i" = 1 ] && echo "$MGMT" || echo "$MGMT2")
    JAVA_OPTS_APPEND=${PROFILE:+-XX:StartFlightRecording=filename=$PWD/$B/node$i.jfr,settings=profile} \
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
      bash "$B/node$i/bin/kc.sh" start --optimized --http-enabled=true --hostname=http://bench-cluster.token-families.test \
      --http-host=127.0.0.1 --http-port="$P" --http-management-port="$M" "${DB_OPTS[@]}" \
      --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port=$((JG + 10 * (i - 1))) \
      $([ "$i" = 1 ] && echo --import-realm) > "$B/node$i.log" 2>&1 &
    KC_PIDS+=($!)
    await_ready "$!" "$M" "$B/node$i.log"
    J=$(pgrep -P "${KC_PIDS[-1]}" java | head -1)
    URLS=${URLS:+$URLS,}http://127.0.0.1:$P
    PIDS=${PIDS:+$PIDS,}${J:-${KC_PIDS[-1]}}
  done
  JVM_PID=${PIDS%%,*}
  # both nodes must see the two-member view before anything is measured (their own log line; no other signal exists)
  for _ in $(seq 1 120); do
    grep -qE 'ISPN000094: Received new cluster view for channel ISPN: \[[^]]*\] \(2\)' "$B/node1.log" \
      && grep -qE 'ISPN000094: Received new cluster view for channel ISPN: \[[^]]*\] \(2\)' "$B/node2.log" && break
    sleep 1
  done
  grep -qE 'ISPN000094: .*\(2\)' "$B/node2.log" || { echo "[bench] the two nodes did not form one cluster, see $B/node*.log"; exit 1; }
  echo "[bench] cluster of two nodes ($URLS), JVM pids $PIDS"
fi

# BENCH_OUT=bench/results/tight-loop.md FAMILIES=1 bash bench/run.sh: each chain refreshes one family back to back
SCENARIOS_DEFAULT=P,A,B,C,D,E-std,E-mobile,Q
OUT_DEFAULT=bench/results/latest.md
VARIANT=()
if [ -n "$CLUSTER" ]; then
  SCENARIOS_DEFAULT=P,A,B,D; OUT_DEFAULT=bench/results/cluster.md; VARIANT=(-Dreport=true -Dgenerations="${GENERATIONS:-0}")
elif [ -n "$SCALE_FAMILIES" ]; then
  SCENARIOS_DEFAULT=P,A,B; OUT_DEFAULT=bench/results/scale.md; VARIANT=(-Dreport=true -Dgenerations="${GENERATIONS:-0}")
fi
# REPORT=1: a report for a partial run too (SCENARIOS=P,A,B …; by default only the full set writes one)
if [ -n "${REPORT:-}" ]; then VARIANT+=(-Dreport=true); fi
OUT=${BENCH_OUT:-$OUT_DEFAULT}
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
  echo "- Driver: bench/Bench.java, ${CHAINS:-8} concurrent chains of $PATTERN, ${ROUNDS:-5} measured rounds after at least ${WARMUP:-3} warm-up rounds (until P, A and B are each steady, at most ${MAX_WARMUP:-10}), scenario order rotated every round, ${SECONDS_PER:-8} s per scenario per round, medians"
  if [ -n "$CLUSTER" ]; then
    echo "- Cluster: two nodes ($URLS) on one PostgreSQL, Keycloak's embedded Infinispan over JGroups jdbc-ping; request k of a family (k = 0: its login) goes to node k mod 2, so every refresh crosses nodes; D retries at the node that did not rotate; server CPU is the sum of both JVMs; scenarios ${SCENARIOS:-$SCENARIOS_DEFAULT}"
  fi
  if [ -n "$SCALE_FAMILIES" ]; then
    echo "- Population: $SCALE_FAMILIES live families in bench-b (users pop0… of $SCALE_USERS, 50 families each, one device id each), made by password logins before the rounds; scenarios ${SCENARIOS:-$SCENARIOS_DEFAULT}"
  fi
  echo
} > "$OUT.head"
rm -f "$OUT.scale"
if [ -n "$SCALE_FAMILIES" ]; then
  PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U keycloak -d keycloak -Atq)
  heap_used_kib() {   # live heap after a full GC (G1's "garbage-first heap ... used NK")
    jcmd "$JVM_PID" GC.run > /dev/null
    jcmd "$JVM_PID" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
  }
  table_bytes() {
    "${PSQL[@]}" -F ' ' -c "select relname, pg_total_relation_size(oid) from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by 1"
  }
  live_sessions() {
    "${PSQL[@]}" -c "select count(*) from offline_user_session s join realm r on r.id = s.realm_id where r.name = 'bench-b' and s.offline_flag = '0'"
  }
  S0=$(live_sessions); H0=$(heap_used_kib); table_bytes > "$B/tables-before.txt"
  java -Dpopulate="$SCALE_FAMILIES" -DpopulateThreads="${POPULATE_THREADS:-8}" bench/Bench.java "$URLS" "$PIDS" "$OUT.scale"
  # Keycloak may write persistent sessions in batches: wait until PostgreSQL holds all of them
  for _ in $(seq 1 60); do [ "$(live_sessions)" -ge $((S0 + SCALE_FAMILIES)) ] && break; sleep 1; done
  S1=$(live_sessions); H1=$(heap_used_kib); table_bytes > "$B/tables-after.txt"
  {
    echo "heap used after a full GC: before $((H0 / 1024)) MiB, after $((H1 / 1024)) MiB; per live family = $(( (H1 - H0) * 1024 / SCALE_FAMILIES )) bytes"
    echo "live online sessions of bench-b in offline_user_session (offline_flag '0'): before $S0, after $S1"
    join <(sort "$B/tables-before.txt") <(sort "$B/tables-after.txt") | awk -v n="$SCALE_FAMILIES" '
      $3 > $2 { printf "database table %s: %+d bytes, %.0f bytes per live family\n", $1, $3 - $2, ($3 - $2) / n; t += $3 - $2 }
      END { printf "database bytes per live family (all tables, with indexes and TOAST) = %.0f\n", t / n }'
  } >> "$OUT.scale"
fi
java -Dfamilies="${FAMILIES:-300}" -Dscenarios="${SCENARIOS:-$SCENARIOS_DEFAULT}" -Dchains="${CHAINS:-8}" -Dwarmup="${WARMUP:-3}" -DmaxWarmup="${MAX_WARMUP:-10}" -Drounds="${ROUNDS:-5}" -Dseconds="${SECONDS_PER:-8}" "${VARIANT[@]}" bench/Bench.java "$URLS" "$PIDS" "$OUT.body" | tee "$B/bench.log"
if [ -f "$OUT.body" ]; then
  if [ -f "$OUT.scale" ]; then
    { echo; echo "Population of $SCALE_FAMILIES live families:"; echo; echo '```'; cat "$OUT.scale"; echo '```'; } >> "$OUT.body"
    rm -f "$OUT.scale"
  fi
  cat "$OUT.head" "$OUT.body" > "$OUT" && rm -f "$OUT.head" "$OUT.body"
  # SCALE_COMPARE=<report of the same command at another population>: B/P here against B/P there
  if [ -n "$SCALE_FAMILIES" ] && [ -f "${SCALE_COMPARE:-}" ]; then
    BP='s/^| B\/P throughput | \([0-9.]*\) |.*/\1/p'
    awk -v a="$(sed -n "$BP" "$OUT")" -v b="$(sed -n "$BP" "$SCALE_COMPARE")" -v f="$SCALE_COMPARE" 'BEGIN {
      printf "\nB/P throughput (median) at %s live families: %s; in %s: %s; ratio %.3f (target: within 5 %%)\n", ENVIRON["SCALE_FAMILIES"], a, f, b, (b > 0 ? a / b : 0) }' >> "$OUT"
  fi
  echo "[bench] written to $OUT"
else
  rm -f "$OUT.head"   # partial (profiling) run: no report
fi
if [ -n "${PROFILE:-}" ]; then
  # JFR writes its recording when the JVM exits: stop the server(s), then say where each scenario's CPU went
  stop_all
  for j in ${PIDS//,/ }; do   # the JVMs, not kc.sh: JFR is written during their shutdown
    for _ in $(seq 1 120); do [ -d "/proc/$j" ] || break; sleep 0.5; done
  done
  JFRS=("$B/keycloak.jfr"); [ -n "$CLUSTER" ] && JFRS=("$B/node1.jfr" "$B/node2.jfr")
  python3 bench/jfr-buckets.py --seconds "${SECONDS_PER:-8}" "$B/bench.log" "${JFRS[@]}" | tee "$B/profile-buckets.md"
  echo "[bench] profile: ${JFRS[*]}; CPU samples per 1,000 refreshes by bucket in $B/profile-buckets.md"
fi
