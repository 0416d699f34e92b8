#!/usr/bin/env bash
# Makes the arm64 Debian root that qemu-user runs the cross-compiled agent in (qemu-aarch64-static
# -L ROOT out/arm64/bootroute …): its dynamic loader, libc and libssl (the .NET runtime loads libssl
# itself). mmdebstrap --variant=extract only unpacks the packages: no maintainer script runs, nothing
# arm64 executes, nothing outside ROOT changes. Idempotent; prints the directory to export as
# BOOTROUTE_ARM64_ROOT (default /var/cache/bootroute-test/arm64-root). Needs mmdebstrap and the
# machine's Debian mirror. It never deletes: a root left incomplete is named, for removal by hand.
set -euo pipefail
dir=${BOOTROUTE_ARM64_ROOT:-/var/cache/bootroute-test/arm64-root}
packages=libc6,libssl3
ready() { [[ -f $dir/.packages && $(cat "$dir/.packages") == "$packages" && -e $dir/lib/ld-linux-aarch64.so.1 ]]; }
if ready; then
    echo "$dir"
    exit 0
fi
[[ ! -e $dir ]] || { echo "tests/arm64-root.sh: $dir is not a complete arm64 root of $packages: remove it and run again" >&2; exit 1; }
command -v mmdebstrap >/dev/null 2>&1 || { echo "tests/arm64-root.sh: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 2; }
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:?}")
mkdir -p "$(dirname "$dir")"
new=$(mktemp -d "$dir.XXXXXX")
mmdebstrap --quiet --variant=extract --arch=arm64 --include="$packages" "$suite" "$new" >&2
echo "$packages" >"$new/.packages"
mv -T "$new" "$dir"
ready || { echo "tests/arm64-root.sh: mmdebstrap made $dir without the arm64 loader" >&2; exit 1; }
echo "$dir"
