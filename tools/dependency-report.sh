#!/usr/bin/env bash
# The dependency report, in one command:
#   tools/dependency-report.sh            # SBOM + OWASP dependency-check, where its database can be had
#   tools/dependency-report.sh --sbom     # the SBOM only
# 1. A CycloneDX SBOM of every module's runtime dependencies (needs only Maven Central):
#    target/dependency-report/bom.json and bom.xml.
# 2. An OWASP dependency-check report of the same dependencies (target/dependency-report/dependency-check/),
#    which needs the vulnerability database (NVD; set NVD_API_KEY for a usable download rate). Where that cannot
#    be downloaded (machines that reach only Maven Central), it says so and stops with the SBOM alone: scan the
#    SBOM where the database is (e.g. Dependency-Track, or dependency-check there).
# Exits non-zero only when the SBOM cannot be made. Not part of CI (it would fail on every machine without
# the database) and never run by `./mvnw verify`.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/target/dependency-report"
cyclonedx="org.cyclonedx:cyclonedx-maven-plugin:2.9.3"
dependency_check="org.owasp:dependency-check-maven:12.1.0"
mkdir -p "$out"

echo "== CycloneDX SBOM ($cyclonedx)"
if ! ./mvnw -B "$cyclonedx:makeAggregateBom" -DoutputFormat=all -DoutputName=bom \
    -DincludeTestScope=false >"$out/sbom.log" 2>&1; then
  tail -30 "$out/sbom.log" >&2
  echo "FAILED: the SBOM could not be made (full log: $out/sbom.log)" >&2
  exit 1
fi
cp target/bom.json target/bom.xml "$out/"
components=$(grep -o 'with [0-9]* component(s)' "$out/sbom.log" | tail -1)
echo "SBOM: $out/bom.json, $out/bom.xml (${components:-see $out/sbom.log})"

if [ "${1:-}" = "--sbom" ]; then
  exit 0
fi

echo "== OWASP dependency-check ($dependency_check)"
nvd="${NVD_API_URL:-https://services.nvd.nist.gov/rest/json/cves/2.0}"
if command -v curl >/dev/null 2>&1 && ! curl -s -f -m 15 -o /dev/null "$nvd?resultsPerPage=1"; then
  cat <<MSG
dependency-check skipped: its vulnerability database (NVD, $nvd) cannot be reached from this machine, so no
report can be made here. This is expected on machines that reach only Maven Central. The SBOM above lists every
dependency with its version and package URL: scan it where the NVD is reachable (dependency-check,
Dependency-Track), or run this script there, with NVD_API_KEY set.
MSG
  exit 0
fi
# OSS Index needs an account; NVD is the database. Few retries: an unreachable database should fail fast.
if timeout "${DEPENDENCY_CHECK_TIMEOUT:-900}" ./mvnw -B "$dependency_check:aggregate" \
    -Dformat=ALL -DoutputDirectory="$out/dependency-check" \
    -DossindexAnalyzerEnabled=false -DretireJsAnalyzerEnabled=false -DnodeAuditAnalyzerEnabled=false \
    -DskipTestScope=true -DfailOnError=true -DnvdMaxRetryCount=3 ${NVD_API_KEY:+-DnvdApiKey="$NVD_API_KEY"} \
    >"$out/dependency-check.log" 2>&1; then
  echo "dependency-check: $out/dependency-check/dependency-check-report.html"
else
  reason=$(grep -m1 -E "UpdateException|NoDataException|Unable to download|UnknownHost|Connection|timed out|NVD" \
    "$out/dependency-check.log" | sed 's/^\[[A-Z]*\] //' | cut -c1-200)
  cat <<MSG
dependency-check did not produce a report: its vulnerability database could not be downloaded or opened
(${reason:-see the log}). Full log: $out/dependency-check.log
This is expected on machines that reach only Maven Central. The SBOM above lists every dependency with its
version and package URL: scan it where the NVD is reachable (dependency-check, Dependency-Track), or run this
script there, with NVD_API_KEY set.
MSG
fi
exit 0
