#!/usr/bin/env bash
# Makes the kiosk survive the plug being pulled. The root file system becomes read-only with a
# RAM overlay (raspi-config's overlay file system), so a power cut cannot corrupt it; the agent's
# own data (the outbox of presses not yet sent, its token, the last prompt) moves to a small ext4
# image on the boot partition, which stays writable, mounted at /var/lib/chorus.
#
#   sudo ./read-only.sh            switch on (then reboot)
#   sudo ./read-only.sh --off      switch off, to update the Pi (then reboot, update, switch on again)
#   sudo ./read-only.sh --size 512M
#
# Run it again at any time: it does only what is not done yet.
set -euo pipefail

SIZE_MB=256
IMAGE=/boot/firmware/chorus-data.img
DATA=/var/lib/chorus
OFF=no

die() { printf 'read-only: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE_MB="${2%M}"; shift 2 ;;
    --off) OFF=yes; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown option $1" ;;
  esac
done

[ "$(id -u)" -eq 0 ] || die "run it with sudo"
command -v raspi-config >/dev/null || die "raspi-config is missing: this is for Raspberry Pi OS"
if ! [[ "$SIZE_MB" =~ ^[0-9]+$ ]] || [ "$SIZE_MB" -lt 64 ]; then
  die "--size must be at least 64M"
fi

if [ "$OFF" = yes ]; then
  raspi-config nonint do_overlayfs 1
  say "The overlay is switched off from the next boot: reboot, update, then run this again."
  exit 0
fi

if [ "$(raspi-config nonint get_overlay_now)" = 0 ]; then
  say "The root file system is already read-only (overlay on). Nothing to do."
  exit 0
fi

if [ ! -f "$IMAGE" ]; then
  say "== Making a ${SIZE_MB} MB ext4 image for the agent's data at $IMAGE"
  dd if=/dev/zero of="$IMAGE" bs=1M count="$SIZE_MB" status=none conv=fsync
  mkfs.ext4 -q -F -L chorus-data "$IMAGE"
  mnt="$(mktemp -d)"
  mount -o loop "$IMAGE" "$mnt"
  if [ -d "$DATA" ]; then
    systemctl stop chorus-agent.service || true
    cp -a "$DATA/." "$mnt/"
  fi
  chown "$(id -u chorus):$(id -g chorus)" "$mnt"
  chmod 0750 "$mnt"
  sync
  umount "$mnt"
  rmdir "$mnt"
fi

entry="$IMAGE $DATA ext4 loop,noatime,nodev,nosuid,commit=1,errors=remount-ro,nofail 0 2"
if ! grep -qF "$IMAGE $DATA" /etc/fstab; then
  say "== Mounting it at $DATA on every boot"
  printf '%s\n' "$entry" >> /etc/fstab
fi
mkdir -p /etc/systemd/system/chorus-agent.service.d
cat > /etc/systemd/system/chorus-agent.service.d/data.conf <<CONF
[Unit]
RequiresMountsFor=$DATA
CONF
systemctl daemon-reload
mountpoint -q "$DATA" || mount "$DATA"

say "== Switching the root file system to read-only with an overlay (from the next boot)"
raspi-config nonint do_overlayfs 0
say "Done. Reboot now: sudo reboot. Afterwards 'findmnt $DATA' shows the data mounted read-write."
