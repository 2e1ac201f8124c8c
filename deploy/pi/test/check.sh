#!/usr/bin/env bash
# The Pi deployment's checks, run by scripts/test.sh: shellcheck on every script in the project,
# systemd-analyze verify on every unit, and the install script against a throwaway root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

echo "== shellcheck"
shellcheck -x scripts/*.sh .ci/run deploy/pi/*.sh deploy/pi/chorus-screen-power deploy/pi/test/*.sh
echo "   every script passes"

echo "== systemd-analyze verify"
out="$(systemd-analyze verify deploy/pi/systemd/*.service deploy/pi/systemd/*.timer 2>&1)" || { printf '%s\n' "$out" >&2; exit 1; }
if [ -n "$out" ]; then
  printf '%s\n' "$out" >&2
  echo "systemd-analyze verify had complaints" >&2
  exit 1
fi
echo "   every unit passes"

echo "== install.sh into a throwaway root, twice"
if [ "$(id -u)" -ne 0 ]; then
  echo "   skipped: creating the kiosk user inside the throwaway root needs root (CI runs it)"
  exit 0
fi
deploy/pi/test/install-test.sh kiosk-client/target/chorus-kiosk.jar
