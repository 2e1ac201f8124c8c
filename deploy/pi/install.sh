#!/usr/bin/env bash
# Installs the Chorus kiosk on Raspberry Pi OS (Bookworm or Trixie, 64-bit; Pi 4 or 5).
# Safe to run again: it changes only what differs from what it would lay down.
#
#   sudo ./install.sh --server wss://chorus.example.org/ws/kiosk --pair K7PM-Q2XD
#
# Asks for the server address and pairing code when they are not given (and it can ask).
# --root DIR installs into DIR instead of / (for tests and image builds): packages are installed
# with apt-get chrooted into DIR (or $CHORUS_APT), nothing is started and nothing is paired.
set -euo pipefail

SELF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT=""
SERVER=""
PAIR_CODE=""
JAR="${SELF_DIR}/chorus-kiosk.jar"
HARDWARE="gpio"
SCREEN_ON="Mon..Sun 08:00"
SCREEN_OFF="Mon..Sun 19:00"
PACKAGES=(openjdk-17-jre-headless chromium cage wlr-randr speech-dispatcher speech-dispatcher-espeak-ng espeak-ng fonts-noto-color-emoji curl)

usage() {
  cat <<USAGE
Usage: sudo $0 [--server URL] [--pair CODE] [options]
  --server URL        the server's kiosk address, e.g. wss://chorus.example.org/ws/kiosk
  --pair CODE         the pairing code shown in the console when the kiosk was added
  --jar FILE          the agent jar to install (default: chorus-kiosk.jar beside this script)
  --hardware MODE     gpio (buttons and LEDs wired to the Pi, the default) or none
  --screen-on WHEN    when the screen comes on (systemd calendar, default "$SCREEN_ON")
  --screen-off WHEN   when it goes off (default "$SCREEN_OFF")
  --root DIR          install into DIR instead of / (nothing is started or paired)
USAGE
}

say() { printf '%s\n' "$*"; }
die() { printf 'install: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --server) SERVER="${2:?--server needs a URL}"; shift 2 ;;
    --pair) PAIR_CODE="${2:?--pair needs a code}"; shift 2 ;;
    --jar) JAR="${2:?--jar needs a file}"; shift 2 ;;
    --hardware) HARDWARE="${2:?--hardware needs gpio or none}"; shift 2 ;;
    --screen-on) SCREEN_ON="${2:?}"; shift 2 ;;
    --screen-off) SCREEN_OFF="${2:?}"; shift 2 ;;
    --root) ROOT="$(cd "${2:?--root needs a folder}" && pwd)"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done

[ "$(id -u)" -eq 0 ] || die "run it with sudo"
[ -f "$JAR" ] || die "no agent jar at $JAR (give --jar FILE)"
case "$HARDWARE" in gpio|none) ;; *) die "--hardware must be gpio or none" ;; esac

if [ -z "$SERVER" ] && [ -z "$ROOT" ] && [ -t 0 ]; then
  read -r -p "Server address (from your IT team, e.g. wss://chorus.example.org/ws/kiosk): " SERVER
fi
if [ -z "$SERVER" ] && [ -f "$ROOT/etc/chorus/kiosk.properties" ]; then
  SERVER="$(sed -n 's/^server=//p' "$ROOT/etc/chorus/kiosk.properties")"
fi
case "$SERVER" in
  ws://*/ws/kiosk|wss://*/ws/kiosk) ;;
  *) die "the server address must look like wss://HOST/ws/kiosk (got '${SERVER}')" ;;
esac
if [ -z "$PAIR_CODE" ] && [ -z "$ROOT" ] && [ -t 0 ] && [ ! -s /var/lib/chorus/kiosk/kiosk.token ]; then
  read -r -p "Pairing code (shown in the console, e.g. K7PM-Q2XD): " PAIR_CODE
fi

# Writes a file only if its content or mode would change; says so when it does.
put() { # put MODE OWNER:GROUP PATH < content
  local mode="$1" owner="$2" path="$ROOT$3" tmp
  tmp="$(mktemp)"
  cat > "$tmp"
  mkdir -p "$(dirname "$path")"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
  else
    mv "$tmp" "$path"
    say "  wrote $3"
  fi
  chmod "$mode" "$path"
  chown "$owner" "$path"
}

dir() { # dir MODE OWNER:GROUP PATH
  mkdir -p "$ROOT$3"
  chmod "$1" "$ROOT$3"
  chown "$2" "$ROOT$3"
}

if command -v systemd-analyze >/dev/null; then
  for when in "$SCREEN_ON" "$SCREEN_OFF"; do
    systemd-analyze calendar "$when" >/dev/null 2>&1 || die "'$when' is not a systemd calendar time such as 'Mon..Fri 08:30'"
  done
fi

# The package manager is the one thing a test may swap (CHORUS_APT); into --root DIR it runs chrooted.
apt_get() {
  if [ -n "${CHORUS_APT:-}" ]; then
    CHORUS_ROOT="$ROOT" "$CHORUS_APT" "$@"
  elif [ -n "$ROOT" ]; then
    chroot "$ROOT" apt-get "$@"
  else
    apt-get "$@"
  fi
}

say "== Packages: ${PACKAGES[*]}"
apt_get update -q
DEBIAN_FRONTEND=noninteractive apt_get install -y -q --no-install-recommends "${PACKAGES[@]}"

say "== User chorus (no login, no password; in the gpio, video, render and input groups)"
for group in gpio video render input; do
  grep -q "^$group:" "$ROOT/etc/group" || groupadd ${ROOT:+--root "$ROOT"} --system "$group"
done
if ! grep -q '^chorus:' "$ROOT/etc/passwd"; then
  useradd ${ROOT:+--root "$ROOT"} --system --create-home --home-dir /var/lib/chorus --shell /usr/sbin/nologin \
    --comment "Chorus kiosk" chorus
fi
usermod ${ROOT:+--root "$ROOT"} --append --groups gpio,video,render,input chorus
uid="$(awk -F: '$1 == "chorus" { print $3 }' "$ROOT/etc/passwd")"
gid="$(awk -F: '$1 == "chorus" { print $4 }' "$ROOT/etc/passwd")"

say "== Agent"
dir 0755 0:0 /opt/chorus
put 0644 0:0 /opt/chorus/chorus-kiosk.jar < "$JAR"
dir 0755 0:0 /etc/chorus
put 0640 "0:$gid" /etc/chorus/kiosk.properties <<PROPS
# Chorus kiosk agent settings (java -jar chorus-kiosk.jar --help lists them all).
server=$SERVER
hardware=$HARDWARE
data=/var/lib/chorus/kiosk
token-file=/var/lib/chorus/kiosk/kiosk.token
# The pin map (BCM numbers; wiring diagram in the project's hardware/README.md). Buttons left to
# right, each from its pin to GND (internal pull-up); each LED from its pin through 330 ohm to
# GND. 2-5 buttons; "led-pins=" empty and "status-led-pin=none" when no LEDs are fitted.
button-pins=5,6,13,19,26
led-pins=12,16,20,21,25
status-led-pin=24
# Contact bounce shorter than this is ignored; a press this soon after another is flagged repeat.
debounce-ms=30
repeat-ms=2000
# The touchscreen page, for Chromium on this Pi only.
screen-port=8090
PROPS
dir 0750 "$uid:$gid" /var/lib/chorus
dir 0700 "$uid:$gid" /var/lib/chorus/kiosk
put 0755 0:0 /usr/local/bin/chorus-screen-power < "$SELF_DIR/chorus-screen-power"

say "== Services"
for unit in chorus-agent.service chorus-screen.service chorus-screen-on.service chorus-screen-on.timer \
            chorus-screen-off.service chorus-screen-off.timer; do
  put 0644 0:0 "/etc/systemd/system/$unit" < "$SELF_DIR/systemd/$unit"
done
put 0644 0:0 /etc/systemd/system/chorus-screen-on.timer.d/hours.conf <<HOURS
[Timer]
OnCalendar=
OnCalendar=$SCREEN_ON
HOURS
put 0644 0:0 /etc/systemd/system/chorus-screen-off.timer.d/hours.conf <<HOURS
[Timer]
OnCalendar=
OnCalendar=$SCREEN_OFF
HOURS
# The hardware watchdog: systemd pets it, and the Pi restarts if the system hangs.
put 0644 0:0 /etc/systemd/system.conf.d/chorus-watchdog.conf < "$SELF_DIR/chorus-watchdog.conf"
# Nothing blanks the screen on its own: the timers alone switch it off and on.
cmdline="$ROOT/boot/firmware/cmdline.txt"
if [ -f "$cmdline" ] && ! grep -q 'consoleblank=0' "$cmdline"; then
  sed -i '1 s/$/ consoleblank=0/' "$cmdline"
  say "  added consoleblank=0 to /boot/firmware/cmdline.txt"
fi

systemctl ${ROOT:+--root="$ROOT"} --quiet enable chorus-agent.service chorus-screen.service chorus-screen-on.timer chorus-screen-off.timer

if [ -n "$ROOT" ]; then
  say "== Installed into $ROOT (not started, not paired)"
  exit 0
fi

systemctl daemon-reload
if [ -n "$PAIR_CODE" ]; then
  say "== Pairing"
  systemctl stop chorus-agent.service || true
  runuser -u chorus -- java -jar /opt/chorus/chorus-kiosk.jar --config /etc/chorus/kiosk.properties --pair "$PAIR_CODE" --pair-only
fi
[ -s /var/lib/chorus/kiosk/kiosk.token ] || die "not paired yet: run again with --pair CODE (add the kiosk in the console to get one)"
systemctl restart chorus-agent.service
systemctl restart chorus-screen.service
say "== Done: the kiosk is paired and running. 'systemctl status chorus-agent' shows how it is."
