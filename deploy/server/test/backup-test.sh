#!/usr/bin/env bash
# Backs up a Chorus database, damages it, restores it and checks every row came back.
# Usage: backup-test.sh [postgresql://user@host:port/db]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pg="${1:-postgresql://postgres@127.0.0.1:5432/test}"
schema="chorus_backup_$(date +%s)_$$"
work="$(mktemp -d)"
trap 'psql "$pg" -q -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

psql "$pg" -v ON_ERROR_STOP=1 -q <<SQL
create schema $schema;
create table $schema.feedback (id varchar(36) primary key, seq bigint not null unique, option_key varchar(32) not null, follow_up varchar(1000));
insert into $schema.feedback select 'f' || n, n, case when n % 2 = 0 then 'happy' else 'sad' end, case when n % 7 = 0 then 'Comment, with "quotes" and café ☕' end from generate_series(1, 5000) n;
create table $schema.counter (name varchar(32) primary key, seq_value bigint not null);
insert into $schema.counter values ('feedback', 5000);
SQL
checksum() {
  psql "$pg" -At -c "select count(*), sum(seq), md5(string_agg(id || option_key || coalesce(follow_up, ''), ',' order by seq)) from $schema.feedback"
}
before="$(checksum)"

export CHORUS_DB_URL="jdbc:${pg%%\?*}?currentSchema=$schema"
export CHORUS_DB_USER=postgres CHORUS_DB_PASSWORD=postgres
"$here/../chorus-db.sh" backup "$work/chorus.dump"
[ "$(stat -c %a "$work/chorus.dump")" = "600" ] || { echo "the dump is readable by others" >&2; exit 1; }

# damage: rows gone, a row changed, the counter reset
psql "$pg" -v ON_ERROR_STOP=1 -q -c "delete from $schema.feedback where seq > 4000; update $schema.feedback set option_key = 'x' where seq = 1; update $schema.counter set seq_value = 0"
[ "$(checksum)" != "$before" ] || { echo "the damage did not take" >&2; exit 1; }

"$here/../chorus-db.sh" restore "$work/chorus.dump"
after="$(checksum)"
[ "$after" = "$before" ] || { echo "restore differs: before $before, after $after" >&2; exit 1; }
[ "$(psql "$pg" -At -c "select seq_value from $schema.counter")" = "5000" ] || { echo "counter not restored" >&2; exit 1; }

# a missing or unreadable dump is refused and changes nothing
if "$here/../chorus-db.sh" restore "$work/missing.dump" 2>/dev/null; then
  echo "a missing dump was accepted" >&2
  exit 1
fi
[ "$(checksum)" = "$before" ] || { echo "a refused restore changed the data" >&2; exit 1; }
echo "   backup, damage, restore: 5000 rows and the counter back as they were"
