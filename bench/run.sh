#!/usr/bin/env bash
# Runs the benchmark: starts the system as the local run does, measures each scenario against a baseline
# measured in the same run, writes bench/results/latest.json and appends a table to docs/benchmarks.md.
#   bench/run.sh           quick mode (under 3 minutes, for development)
#   bench/run.sh --full    the published table (about 10 minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode="${1:---quick}"
if [ ! -f bench/target/bench.classpath ] || [ ! -f consent-service/target/quarkus-app/quarkus-run.jar ] \
   || [ ! -f bench/target/classes/io/consentline/bench/Bench.class ]; then
  ./mvnw -B -DskipTests install
fi
exec java -Xmx1g -Dconsentline.root="$root" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.consentline.bench.Bench "$mode"
