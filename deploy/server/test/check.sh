#!/usr/bin/env bash
# The server deployment's checks, run by scripts/test.sh: shellcheck on its scripts,
# systemd-analyze verify on its unit, nginx -t on its site, and a backup/restore round trip on
# PostgreSQL (unless CHORUS_TEST_PG=off).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

echo "== shellcheck (server deployment)"
shellcheck -x deploy/server/*.sh deploy/server/test/*.sh
echo "   every script passes"

echo "== systemd-analyze verify (server unit)"
units="$(mktemp -d)"
trap 'rm -rf "$units"' EXIT
cp deploy/server/chorus-server@.service "$units/chorus-server@8081.service"
out="$(systemd-analyze verify "$units/chorus-server@8081.service" 2>&1)" || { printf '%s\n' "$out" >&2; exit 1; }
if [ -n "$out" ]; then
  printf '%s\n' "$out" >&2
  echo "systemd-analyze verify had complaints" >&2
  exit 1
fi
echo "   the unit passes"

echo "== nginx -t (server site)"
conf="$units/nginx"
mkdir -p "$conf"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=chorus.example.org" \
  -keyout "$conf/privkey.pem" -out "$conf/fullchain.pem" 2>/dev/null
sed "s|/etc/ssl/chorus/|$conf/|" deploy/server/nginx/chorus.conf >"$conf/chorus.conf"
cat >"$conf/nginx.conf" <<NGINX
pid $conf/nginx.pid;
error_log $conf/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $conf/body;
  proxy_temp_path $conf/proxy;
  fastcgi_temp_path $conf/fastcgi;
  uwsgi_temp_path $conf/uwsgi;
  scgi_temp_path $conf/scgi;
  include $conf/chorus.conf;
}
NGINX
nginx -t -q -c "$conf/nginx.conf" -p "$conf"
echo "   nginx accepts the site"

if [ "${CHORUS_TEST_PG:-on}" = "off" ]; then
  echo "== backup/restore skipped (CHORUS_TEST_PG=off)"
  exit 0
fi
echo "== backup and restore on PostgreSQL"
deploy/server/test/backup-test.sh "${CHORUS_TEST_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
