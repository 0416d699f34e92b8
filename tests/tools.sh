#!/usr/bin/env bash
# Fetches the network stacks' own tools that the persistence tests check BootRoute's files with:
# netplan's generator (netplan.io), ifquery/ifup (ifupdown) and nmcli (network-manager). They are
# NOT installed: network-manager would start NetworkManager and ifupdown enables networking.service,
# either of which would take over this machine's network. Instead `apt-get download` + `dpkg-deb -x`
# into a cache directory; the tests run the binaries from there (LD_LIBRARY_PATH for libnetplan and
# libnm). Only plain libraries they link against are installed the normal way. Idempotent; prints
# the directory to export as BOOTROUTE_TOOLS_DIR (default: .tools in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BOOTROUTE_TOOLS_DIR:-$PWD/.tools}
packages=(netplan.io libnetplan0 ifupdown network-manager libnm0)
binaries=(usr/libexec/netplan/generate sbin/ifup usr/bin/nmcli)
# Libraries those binaries link against that a minimal image may lack (no daemons, no postinst effects).
libraries=(libglib2.0-0 libyaml-0-2 libuuid1 libgnutls30 libudev1 libreadline8)

stamp="$dir/root/.packages"
ready() {
    [[ -f $stamp && $(cat "$stamp") == "${packages[*]}" ]] || return 1
    local binary
    for binary in "${binaries[@]}"; do [[ -x $dir/root/$binary ]] || return 1; done
}
if ready; then
    echo "$dir"
    exit 0
fi

rm -rf "$dir/debs" "$dir/root"
mkdir -p "$dir/debs" "$dir/root"
(
    cd "$dir/debs"
    # _apt cannot write here when run as root from a private directory; apt falls back to root, fine.
    apt-get download -qq "${packages[@]}" 2>/dev/null \
        || { apt-get update -qq && apt-get download -qq "${packages[@]}"; }
)
for deb in "$dir"/debs/*.deb; do
    dpkg-deb -x "$deb" "$dir/root"
done

missing=()
for package in "${libraries[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
    if [[ $(id -u) != 0 ]]; then
        echo "tests/tools.sh: missing libraries ${missing[*]}; install them as root" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for binary in "${binaries[@]}"; do
    if LD_LIBRARY_PATH="$dir/root/usr/lib/x86_64-linux-gnu" ldd "$dir/root/$binary" | grep -q "not found"; then
        echo "tests/tools.sh: $binary lacks libraries:" >&2
        LD_LIBRARY_PATH="$dir/root/usr/lib/x86_64-linux-gnu" ldd "$dir/root/$binary" | grep "not found" >&2
        exit 1
    fi
done
echo "${packages[*]}" >"$stamp"
echo "$dir"
