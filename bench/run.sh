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

# PostgreSQL maps its shared buffers in huge pages (2 MB) when the kernel has them reserved (its huge_pages=try). On
# these VMs the first touch of each 4 KB page of shared memory by each PostgreSQL process is a costly page fault, and
# a long append or verify touches hundreds of thousands: with huge pages PostgreSQL's CPU per appended audit event
# went from 48-49 to 36-37 us and per verified row from ~8 to ~2 us (docs/benchmarks.md, ninth round). Production
# PostgreSQL servers are normally set up this way, so the bench reserves what its PostgreSQL needs when it may
# (root), and gives the pages back afterwards; otherwise it runs on 4 KB pages and says so.
classpath="bench/target/classes:$(cat bench/target/bench.classpath)"
hugepages=/proc/sys/vm/nr_hugepages
need=$(java -cp "$classpath" io.consentline.deploy.HugePages) # for the shared_buffers the launcher gives it
had=$(cat "$hugepages" 2>/dev/null || echo 0)
if [ "$had" -lt "$need" ] && [ -w "$hugepages" ] && echo "$need" > "$hugepages" 2>/dev/null; then
  trap 'echo "$had" > "$hugepages"' EXIT
  echo "bench: reserved $(cat "$hugepages") huge pages of 2 MB for PostgreSQL's shared memory (given back at the end)"
elif [ "$had" -lt "$need" ]; then
  echo "bench: no huge pages for PostgreSQL (needs $need, has $had; reserve them as root: sysctl vm.nr_hugepages=$need)." \
    "PostgreSQL runs on 4 KB pages and the audit figures come out lower (docs/benchmarks.md, ninth round)"
fi
java -Xmx1g -Dconsentline.root="$root" -cp "$classpath" io.consentline.bench.Bench "$mode"
