#!/usr/bin/env bash
# Boots the arm64 machine (tests/arm64-vm/build.sh) under qemu-system-aarch64 with the given arm64
# binary and prints what tests/arm64-vm/scenario.sh printed inside it: the cross-compiled agent
# planning, applying and removing against a real aarch64 kernel. No network device is given to
# the machine (-nic none): its lab is veth pairs inside it. Bounded by a timeout; leaves nothing
# behind but its own temporary directory, which it deletes.
# Usage: run.sh ARM64_BINARY [MACHINE_DIR]
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
machine=${2:-$("$here/build.sh")}
command -v qemu-system-aarch64 >/dev/null 2>&1 || { echo "tests/arm64-vm/run.sh: qemu-system-aarch64 is missing (apt-get install qemu-system-arm)" >&2; exit 2; }
work=$(mktemp -d /tmp/bootroute-arm64vm.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT
mkdir "$work/overlay"
install -m 0755 "$bin" "$work/overlay/bootroute"
install -m 0755 "$here/init" "$work/overlay/init"
install -m 0644 "$here/scenario.sh" "$work/overlay/scenario.sh"
(cd "$work/overlay" && find . -print0 | cpio --null --create --format=newc --quiet | gzip -1 >"$work/overlay.cpio.gz")
# The kernel unpacks concatenated archives in order: the overlay's files land on the base's.
cat "$machine/base.cpio.gz" "$work/overlay.cpio.gz" >"$work/initrd.gz"
timeout --kill-after=10 "${BOOTROUTE_ARM64_VM_TIMEOUT:-600}" qemu-system-aarch64 \
    -machine virt -cpu max -smp 2 -m 1024 -nographic -no-reboot -nic none \
    -kernel "$machine/vmlinuz" -initrd "$work/initrd.gz" \
    -append "console=ttyAMA0 rdinit=/init panic=-1 quiet loglevel=3" </dev/null >"$work/console" 2>&1 || true
tr -d '\r' <"$work/console" | sed -n '/^BOOTROUTE-ARM64-BEGIN/,/^BOOTROUTE-ARM64-END/p' >"$work/scenario"
if ! grep -q '^BOOTROUTE-ARM64-END' "$work/scenario"; then
    echo "tests/arm64-vm/run.sh: the arm64 machine did not finish the scenario; its console:" >&2
    tail -n 40 "$work/console" >&2
    exit 1
fi
cat "$work/scenario"
