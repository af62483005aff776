#!/usr/bin/env bash
# Prints a bearer token the local run accepts, signed with the local key in .run/secrets.properties.
#   deploy/token.sh --tenant acme --role dialer [--role agent] [--ttl 3600]
# Roles: agent, dialer, compliance, admin.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cp_file="$root/deploy/target/classes/consentline-launcher.classpath"
if [ ! -f "$cp_file" ]; then
  echo "Build first: deploy/run.sh (or ./mvnw -B -DskipTests -pl deploy -am install)" >&2
  exit 1
fi
exec java -cp "$root/deploy/target/classes:$(cat "$cp_file")" io.consentline.deploy.Main token --root "$root" "$@"
