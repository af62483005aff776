#!/usr/bin/env bash
# Runs the whole system locally: Kafka (KRaft) and PostgreSQL from Maven artifacts (unless
# CONSENTLINE_KAFKA_BOOTSTRAP / CONSENTLINE_PG_HOST point at existing ones), then the three services.
#   deploy/run.sh            start (builds what is missing first); Ctrl-C stops everything
#   deploy/run.sh --clean    wipe .run/ (broker log, database, keys, logs) first
#   deploy/run.sh --build    rebuild the services first
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

build=false
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    *) args+=("$arg") ;;
  esac
done

cp_file="deploy/target/classes/consentline-launcher.classpath"
for jar in preference-gateway consent-service audit-sink; do
  [ -f "$jar/target/quarkus-app/quarkus-run.jar" ] || build=true
done
[ -f "$cp_file" ] || build=true
if $build; then
  echo "Building the services (first run: Maven downloads dependencies, a few minutes)..."
  ./mvnw -B -DskipTests -pl preference-gateway,consent-service,audit-sink,deploy -am install
fi

exec java -cp "deploy/target/classes:$(cat "$cp_file")" io.consentline.deploy.Main run --root "$root" "${args[@]}"
