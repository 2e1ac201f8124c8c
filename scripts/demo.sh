#!/usr/bin/env bash
# Builds Chorus, starts the server on its embedded database in demo mode, and runs one demo kiosk agent in this
# terminal: type an option's number and Enter to press it. Ctrl-C (or q) stops both.
#   scripts/demo.sh                 server on http://localhost:8080
#   CHORUS_PORT=9090 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh

port="${CHORUS_PORT:-8080}"
data="${CHORUS_DATA_DIR:-$PWD/data}"
mkdir -p "$data"

if ! command -v mvn >/dev/null; then
  echo "Maven is needed to build Chorus (apt-get install maven)." >&2
  exit 1
fi
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "Something already answers on port $port; stop it or set CHORUS_PORT." >&2
  exit 1
fi

echo "Building (first time: a few minutes while Maven fetches dependencies)..."
mvn -B -q -ntp -DskipTests package

echo "Starting the server on port $port (log: $data/server.log)..."
CHORUS_DEMO=true CHORUS_DATA_DIR="$data" \
  java -jar server/target/chorus-server.jar --port "$port" --nocluster >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 180); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The server stopped; see $data/server.log" >&2
    exit 1
  fi
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "The server did not get ready; see $data/server.log" >&2; exit 1; }

cat <<INFO

Chorus is running.
  Console          http://localhost:$port/console/  (change the question, see the fleet)
  Stored feedback  http://localhost:$port/api/feedback  (as admin: curl -u admin:PASSWORD)
  Health           http://localhost:$port/health/ready
  API description  http://localhost:$port/openapi
  Kiosks connect   ws://localhost:$port/ws/kiosk  (demo token: $data/demo-kiosk.token)
  First admin      user admin, password in $data/initial-admin-password

Starting the demo kiosk (no GPIO: press by typing a number and Enter)...
INFO

java -jar kiosk-client/target/chorus-kiosk.jar \
  --server "ws://127.0.0.1:$port/ws/kiosk" \
  --token-file "$data/demo-kiosk.token" \
  --hardware none \
  --data "$data/kiosk" \
  --terminal
