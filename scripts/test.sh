#!/usr/bin/env bash
# Runs every test: unit tests, the server's integration tests on H2 and then on PostgreSQL
# (each in a schema of its own), the end-to-end tests of the packaged jars, and the chaos suite
# (server and agents SIGKILLed under load, a faulty link) on H2 and PostgreSQL.
#   scripts/test.sh            H2 and PostgreSQL (needs PostgreSQL on 127.0.0.1:5432, db test)
#   CHORUS_TEST_PG=off scripts/test.sh   H2 only
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh

pg="${CHORUS_TEST_PG:-on}"

echo "== Page scripts: ESLint and Prettier"
scripts/lint-js.sh

echo "== Building and testing (JDK: $JAVA_HOME); chaos suite on H2 and PostgreSQL=$pg"
mvn -B -ntp verify -Dchorus.e2e.pg="$pg"

echo "== Raspberry Pi deployment: shellcheck, systemd units, install script"
deploy/pi/test/check.sh

echo "== Server deployment: shellcheck, systemd unit, nginx site, backup and restore"
CHORUS_TEST_PG="$pg" deploy/server/test/check.sh

if [ "$pg" = "off" ]; then
  echo "== PostgreSQL runs skipped (CHORUS_TEST_PG=off)"
  exit 0
fi

pg_url="${CHORUS_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
schema="chorus_it_$(date +%s)_$$"
psql "$pg_url" -v ON_ERROR_STOP=1 -q -c "create schema $schema" >/dev/null
trap 'psql "$pg_url" -q -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true' EXIT

echo "== Server integration tests on PostgreSQL (schema $schema)"
jdbc="jdbc:${pg_url%%\?*}"
jdbc="jdbc:postgresql://${jdbc#*@}"
mvn -B -ntp verify -Ppostgresql -pl server -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.pg.url="$jdbc" -Dit.pg.schema="$schema"
