#!/usr/bin/env bash
# Runs deploy/pi/install.sh against a throwaway root (its --root mode; apt-get is the only thing
# replaced, by a stub that records what it was asked to install), checks the files, user, units
# and permissions it laid down, then runs it again and checks that nothing changed.
#   deploy/pi/test/install-test.sh [AGENT_JAR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pi="$(dirname "$here")"
jar="${1:-$pi/../../kiosk-client/target/chorus-kiosk.jar}"
[ -f "$jar" ] || { echo "install-test: build the agent first (no $jar)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "install-test: needs root (it creates a user inside the throwaway root)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/etc" "$root/boot/firmware" "$root/usr/sbin"
printf "#!/bin/sh\nexit 1\n" > "$root/usr/sbin/nologin" && chmod 0755 "$root/usr/sbin/nologin"
# The smallest system useradd and systemctl --root work on: accounts, and a Pi's cmdline.txt.
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"
printf 'root:*:19000:0:99999:7:::\n' > "$root/etc/shadow"
printf 'root:*::\n' > "$root/etc/gshadow"
chmod 0640 "$root/etc/shadow" "$root/etc/gshadow"
printf 'console=serial0,115200 console=tty1 root=PARTUUID=0-02 rootfstype=ext4 fsck.repair=yes rootwait\n' > "$root/boot/firmware/cmdline.txt"

cat > "$work/apt-get" <<'STUB'
#!/bin/sh
# The package-manager boundary: record the call instead of installing.
printf '%s\n' "$*" >> "$CHORUS_ROOT/../apt-calls"
STUB
chmod +x "$work/apt-get"

fail() { echo "install-test: FAIL: $*" >&2; exit 1; }
check_file() { # check_file PATH MODE OWNER GROUP
  local path="$root$1" got
  [ -e "$path" ] || fail "$1 is missing"
  # Owners are names inside the throwaway root, so numeric ids are compared.
  got="$(stat -c '%a %u %g' "$path")"
  [ "$got" = "$2 $3 $4" ] || fail "$1 is '$got', expected '$2 $3 $4'"
}
manifest() { # every path under the root with its type, mode, owner and content hash
  (cd "$root" && find . -printf '%y %m %u %g %p %l\n' | sort && find . -type f -exec sha256sum {} + | sort -k2)
}

install() {
  CHORUS_APT="$work/apt-get" "$pi/install.sh" --root "$root" --jar "$jar" \
    --server wss://chorus.example.org/ws/kiosk --screen-on "Mon..Fri 08:30" --screen-off "Mon..Fri 17:30"
}

echo "== first run"
install > "$work/first.log"
uid="$(awk -F: '$1 == "chorus" { print $3 }' "$root/etc/passwd")"
gid="$(awk -F: '$1 == "chorus" { print $4 }' "$root/etc/passwd")"
[ -n "$uid" ] || fail "no chorus user"
if [ "$uid" -eq 0 ] || [ "$uid" -ge 1000 ]; then fail "chorus should be a system user (uid $uid)"; fi
grep -q '^chorus:[^:]*:[0-9]*:[0-9]*:Chorus kiosk:/var/lib/chorus:/usr/sbin/nologin$' "$root/etc/passwd" || fail "chorus must not log in"
for group in gpio video render input; do
  grep -q "^$group:.*[:,]chorus\(,\|$\)" "$root/etc/group" || fail "chorus is not in the $group group"
done
grep -q 'install -y -q --no-install-recommends openjdk-17-jre-headless chromium cage wlr-randr speech-dispatcher speech-dispatcher-espeak-ng espeak-ng fonts-noto-color-emoji curl' "$work/apt-calls" \
  || fail "packages not asked for: $(cat "$work/apt-calls")"

check_file /opt/chorus/chorus-kiosk.jar 644 0 0
cmp -s "$jar" "$root/opt/chorus/chorus-kiosk.jar" || fail "the jar differs from the one given"
check_file /etc/chorus/kiosk.properties 640 0 "$gid"
grep -qx 'server=wss://chorus.example.org/ws/kiosk' "$root/etc/chorus/kiosk.properties" || fail "server not set"
grep -qx 'hardware=gpio' "$root/etc/chorus/kiosk.properties" || fail "hardware not gpio"
grep -qx 'data=/var/lib/chorus/kiosk' "$root/etc/chorus/kiosk.properties" || fail "data folder not set"
grep -qx 'button-pins=5,6,13,19,26' "$root/etc/chorus/kiosk.properties" || fail "pin map not written"
check_file /var/lib/chorus 750 "$uid" "$gid"
check_file /var/lib/chorus/kiosk 700 "$uid" "$gid"
check_file /usr/local/bin/chorus-screen-power 755 0 0
check_file /etc/systemd/system.conf.d/chorus-watchdog.conf 644 0 0
grep -qx 'RuntimeWatchdogSec=15' "$root/etc/systemd/system.conf.d/chorus-watchdog.conf" || fail "watchdog not on"
for unit in chorus-agent.service chorus-screen.service chorus-screen-on.service chorus-screen-on.timer chorus-screen-off.service chorus-screen-off.timer; do
  check_file "/etc/systemd/system/$unit" 644 0 0
  cmp -s "$pi/systemd/$unit" "$root/etc/systemd/system/$unit" || fail "$unit differs from deploy/pi/systemd"
done
[ -L "$root/etc/systemd/system/multi-user.target.wants/chorus-agent.service" ] || fail "the agent is not enabled"
[ -L "$root/etc/systemd/system/multi-user.target.wants/chorus-screen.service" ] || fail "the screen is not enabled"
[ -L "$root/etc/systemd/system/timers.target.wants/chorus-screen-on.timer" ] || fail "the screen-on timer is not enabled"
[ -L "$root/etc/systemd/system/timers.target.wants/chorus-screen-off.timer" ] || fail "the screen-off timer is not enabled"
grep -qx 'OnCalendar=Mon..Fri 08:30' "$root/etc/systemd/system/chorus-screen-on.timer.d/hours.conf" || fail "opening time not set"
grep -qx 'OnCalendar=Mon..Fri 17:30' "$root/etc/systemd/system/chorus-screen-off.timer.d/hours.conf" || fail "closing time not set"
grep -q 'consoleblank=0' "$root/boot/firmware/cmdline.txt" || fail "console blanking not off"
[ "$(wc -l < "$root/boot/firmware/cmdline.txt")" -eq 1 ] || fail "cmdline.txt must stay one line"
echo "   files, user, groups, units and permissions as expected"

echo "== second run"
before="$(manifest)"
install > "$work/second.log"
after="$(manifest)"
if [ "$before" != "$after" ]; then
  diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2 || true
  fail "the second run changed the root"
fi
! grep -q '  wrote ' "$work/second.log" || fail "the second run rewrote files: $(grep '  wrote ' "$work/second.log")"
[ "$(grep -o consoleblank=0 "$root/boot/firmware/cmdline.txt" | wc -l)" -eq 1 ] || fail "consoleblank added twice"
echo "   nothing changed"

echo "== refusals"
if CHORUS_APT="$work/apt-get" "$pi/install.sh" --root "$root" --jar "$jar" --server http://wrong.example.org >/dev/null 2>&1; then
  fail "a server address that is not a kiosk address was taken"
fi
if CHORUS_APT="$work/apt-get" "$pi/install.sh" --root "$root" --jar "$jar" --screen-on "whenever" >/dev/null 2>&1; then
  fail "an opening time that is not a calendar time was taken"
fi
echo "install-test: OK"
