#!/usr/bin/env bash
# Makes chorus-pi.tar.gz: everything a Raspberry Pi needs to become a kiosk (the installer, its
# units and scripts, the agent jar and the one-page guide). Copy it to the Pi on a USB stick.
#   scripts/pi-bundle.sh            builds the agent if needed; writes target/chorus-pi.tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."
jar=kiosk-client/target/chorus-kiosk.jar
if [ ! -f "$jar" ]; then
  . scripts/java-env.sh
  mvn -B -ntp -q -pl kiosk-client -am -DskipTests package
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/chorus-pi" target
cp -r deploy/pi/install.sh deploy/pi/read-only.sh deploy/pi/chorus-screen-power deploy/pi/chorus-watchdog.conf \
  deploy/pi/systemd deploy/pi/README.md "$jar" "$out/chorus-pi/"
tar -C "$out" -czf target/chorus-pi.tar.gz chorus-pi
echo "Wrote target/chorus-pi.tar.gz"
