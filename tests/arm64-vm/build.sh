#!/usr/bin/env bash
# Makes the arm64 machine tests/arm64-vm/run.sh boots under qemu-system-aarch64: Debian's arm64
# kernel (vmlinuz) and a base initramfs (base.cpio.gz) holding Debian's arm64 libc, iproute2,
# busybox and the veth module: enough userland to build a two-NIC lab in the machine's own kernel and
# run the cross-compiled agent there. qemu-user cannot do that: its netlink translation refuses
# RTM_GETRULE. mmdebstrap --variant=extract only unpacks the packages (no maintainer script runs,
# nothing arm64 executes here). Idempotent and cached by recipe (this script's hash names the
# directory, so a changed recipe builds beside the old one); prints the directory (default
# /var/cache/bootroute-test/arm64-vm-HASH). It never deletes: a directory left incomplete is named.
# dash runs the scenario: busybox's sh would run its own `ip` applet instead of iproute2's.
set -euo pipefail
packages=libc6,dash,iproute2,busybox-static,linux-image-arm64
hash=$(sha256sum "$0" | cut -c1-16)
dir=${BOOTROUTE_ARM64_VM:-/var/cache/bootroute-test/arm64-vm-$hash}
recipe="$packages $hash"
ready() { [[ -f $dir/.recipe && $(cat "$dir/.recipe") == "$recipe" && -s $dir/vmlinuz && -s $dir/base.cpio.gz ]]; }
if ready; then
    echo "$dir"
    exit 0
fi
[[ ! -e $dir ]] || { echo "tests/arm64-vm/build.sh: $dir is not a complete arm64 machine of this recipe: remove it and run again" >&2; exit 1; }
for tool in mmdebstrap cpio gzip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "tests/arm64-vm/build.sh: $tool is missing (apt-get install mmdebstrap cpio gzip)" >&2; exit 2; }
done
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:?}")
mkdir -p "$(dirname "$dir")"
new=$(mktemp -d "$dir.XXXXXX")
mmdebstrap --quiet --variant=extract --arch=arm64 --include="$packages" "$suite" "$new/tree" >&2
kernel=$(find "$new/tree/boot" -maxdepth 1 -name 'vmlinuz-*-arm64' | sort | tail -n 1)
[[ -n $kernel ]] || { echo "tests/arm64-vm/build.sh: no arm64 kernel in $new/tree/boot" >&2; exit 1; }
cp "$kernel" "$new/vmlinuz"
release=${kernel##*/vmlinuz-}
veth=$(find "$new/tree/lib/modules/$release" -name 'veth.ko*' | head -n 1)
[[ -n $veth ]] || { echo "tests/arm64-vm/build.sh: no veth module for $release" >&2; exit 1; }
# The initramfs is the tree without the kernel's files and docs (a few MB instead of 400), plus veth.
cp "$veth" "$new/tree/veth.ko"
(cd "$new/tree" && find . -path ./boot -prune -o -path ./lib/modules -prune -o -path ./usr/share -prune -o -print0 |
    cpio --null --create --format=newc --quiet | gzip -1 >"$new/base.cpio.gz")
# The unpacked tree is not needed any more; it lives only inside the new directory.
rm -rf --one-file-system "${new:?}/tree"
echo "$recipe" >"$new/.recipe"
mv -T "$new" "$dir"
ready || { echo "tests/arm64-vm/build.sh: $dir is incomplete" >&2; exit 1; }
echo "$dir"
