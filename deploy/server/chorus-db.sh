#!/usr/bin/env bash
# Backs up and restores the Chorus PostgreSQL database with pg_dump / pg_restore.
#
#   chorus-db.sh backup [FILE]    a consistent dump (custom format, mode 0600) while running
#   chorus-db.sh restore FILE     replaces the database's Chorus tables with the dump's
#
# Reads CHORUS_DB_URL, CHORUS_DB_USER and CHORUS_DB_PASSWORD from the environment or from
# /etc/chorus/server.env (CHORUS_ENV_FILE names another). A URL with ?currentSchema=NAME backs up
# and restores that schema only. Stop every server instance before a restore.
set -euo pipefail

usage() {
  echo "usage: $0 backup [FILE] | restore FILE" >&2
  exit 2
}

env_file="${CHORUS_ENV_FILE:-/etc/chorus/server.env}"
if [ -z "${CHORUS_DB_URL:-}" ] && [ -r "$env_file" ]; then
  # shellcheck disable=SC1090
  set -a && . "$env_file" && set +a
fi
: "${CHORUS_DB_URL:?set CHORUS_DB_URL (jdbc:postgresql://HOST:PORT/DB) or give CHORUS_ENV_FILE}"

# jdbc:postgresql://host:port/db?currentSchema=s&... -> a libpq URI and the schema
uri="${CHORUS_DB_URL#jdbc:}"
case "$uri" in
  postgresql://*) ;;
  *) echo "chorus-db: only PostgreSQL is backed up here (the embedded database: copy the data folder while the server is stopped)" >&2; exit 2 ;;
esac
query=""
case "$uri" in *\?*) query="${uri#*\?}"; uri="${uri%%\?*}" ;; esac
schema=""
IFS='&' read -r -a params <<<"$query"
for p in "${params[@]}"; do
  case "$p" in currentSchema=*) schema="${p#currentSchema=}" ;; esac
done
export PGUSER="${CHORUS_DB_USER:-${PGUSER:-}}"
export PGPASSWORD="${CHORUS_DB_PASSWORD:-${PGPASSWORD:-}}"
scope=()
if [ -n "$schema" ]; then
  scope=(--schema="$schema")
fi

command="${1:-}"
case "$command" in
  backup)
    file="${2:-chorus-$(date -u +%Y%m%dT%H%M%SZ).dump}"
    umask 077
    tmp="$file.partial"
    pg_dump --format=custom --no-owner --no-privileges "${scope[@]}" --file="$tmp" "$uri"
    mv -f "$tmp" "$file"
    echo "backed up to $file ($(wc -c <"$file") bytes)"
    ;;
  restore)
    file="${2:-}"
    [ -n "$file" ] || usage
    [ -r "$file" ] || { echo "chorus-db: cannot read $file" >&2; exit 2; }
    pg_restore --list "$file" >/dev/null
    # One transaction: a failed restore leaves the database as it was.
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
      "${scope[@]}" --dbname="$uri" "$file"
    echo "restored $file"
    ;;
  *) usage ;;
esac
