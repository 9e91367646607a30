#!/usr/bin/env bash
# Quick start: builds the JAR, prepares stock Keycloak (version from pom.xml) under target/demo, installs the
# JAR, imports realm-export.json on first start and runs Keycloak in the foreground at http://localhost:8080
# (admin/admin, embedded dev database). Ctrl-C stops it. A second run reuses the download and the database.
set -euo pipefail
cd "$(dirname "$0")"

KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -1)
DEMO_DIR=target/demo
KC_HOME=$DEMO_DIR/keycloak-$KC_VERSION

echo "[demo] Keycloak $KC_VERSION, java: $(java -version 2>&1 | head -1) (JAVA_HOME=${JAVA_HOME:-unset})"
./mvnw -q -DskipTests -pl provider -am package

if [ ! -f "$KC_HOME/bin/kc.sh" ]; then
  echo "[demo] unpacking org.keycloak:keycloak-quarkus-dist:$KC_VERSION into $DEMO_DIR"
  ./mvnw -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz" -DoutputDirectory="$DEMO_DIR"
  tar -xzf "$DEMO_DIR/keycloak-quarkus-dist-$KC_VERSION.tar.gz" -C "$DEMO_DIR" && rm -f "$DEMO_DIR/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
fi

rm -f "$KC_HOME"/providers/keycloak-token-families*.jar
cp provider/target/keycloak-token-families-*.jar "$KC_HOME/providers/"

IMPORT=()
if [ ! -d "$KC_HOME/data/h2" ]; then
  mkdir -p "$KC_HOME/data/import"
  cp realm-export.json "$KC_HOME/data/import/realm-export.json"
  IMPORT=(--import-realm)
  echo "[demo] first start: importing realm-export.json (realm 'demo')"
fi

export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
exec bash "$KC_HOME/bin/kc.sh" start-dev --http-port=8080 --health-enabled=true --metrics-enabled=true "${IMPORT[@]}" "$@"
