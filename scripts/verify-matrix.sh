#!/usr/bin/env bash
# The whole compatibility matrix: the full test suite (`./mvnw verify`) against each supported Keycloak line,
# one after the other (each run unpacks its own stock distribution under provider/target/keycloak-dist/).
# Usage: bash scripts/verify-matrix.sh [version ...]   (default: every line in README's compatibility table)
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS=("$@")
if [ ${#VERSIONS[@]} -eq 0 ]; then
  VERSIONS=(26.7.3 26.5.6 26.4.7)
fi
for v in "${VERSIONS[@]}"; do
  echo "[matrix] ./mvnw verify -Dkeycloak.version=$v"
  start=$(date +%s)
  ./mvnw verify -Dkeycloak.version="$v"
  echo "[matrix] Keycloak $v passed in $(( $(date +%s) - start )) s"
done
