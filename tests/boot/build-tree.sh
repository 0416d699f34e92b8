#!/usr/bin/env bash
# Builds (once) a real Debian root tree for the boot tests with mmdebstrap, from the host's own suite
# and apt sources, and prints its path. Cached as /var/tmp/bootroute-trees/<style>-<hash of the
# package list and this script's recipe>: a tree is rebuilt only when that changes. Trees are built
# into a temporary directory and renamed into place, so a killed build never leaves a half tree that
# looks cached. Nothing of BootRoute is in the tree: the test copies it and installs BootRoute into
# the copy, so the cache stays clean.
# BOOTROUTE_TREE_SUITE=trixie builds another Debian release than the host's (tried by hand, not in CI).
# Trees of an older recipe are not deleted: remove them by hand (rm -rf /var/tmp/bootroute-trees/STYLE-OLDHASH).
#   build-tree.sh netplan|ifupdown|networkmanager
set -euo pipefail
style=${1:?usage: build-tree.sh netplan|ifupdown|networkmanager}
cache=${BOOTROUTE_TREES:-/var/tmp/bootroute-trees}
# systemd as PID 1, udev (cloud-init runs udevadm after netplan generate), cloud-init (locales: its
# locale module), and what the tests read inside.
common=(systemd systemd-sysv udev dbus iproute2 cloud-init locales procps)
case $style in
    netplan) packages=("${common[@]}" netplan.io networkd-dispatcher) ;;
    ifupdown) packages=("${common[@]}" ifupdown isc-dhcp-client) ;;
    networkmanager) packages=("${common[@]}" network-manager) ;;
    *) echo "build-tree.sh: unknown style '$style' (netplan, ifupdown, networkmanager)" >&2; exit 2 ;;
esac
# BOOTROUTE_TREE_SUITE: another Debian release than the host's (e.g. trixie), from deb.debian.org.
suite=${BOOTROUTE_TREE_SUITE:-$(. /etc/os-release && echo "$VERSION_CODENAME")}
recipe="$suite ${packages[*]} v1"
hash=$(printf '%s' "$recipe" | sha256sum | cut -c1-12)
tree=$cache/$style-$hash
if [[ -f $tree/.bootroute-tree ]]; then
    echo "$tree"
    exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/.build-$style-XXXXXX")
trap '[[ $work == "$cache"/.build-$style-?????? ]] && rm -rf --one-file-system -- "$work"' EXIT
start=$(date +%s)
include=$(IFS=,; echo "${packages[*]}")
# The host's apt sources (its mirror, security and updates), read by mmdebstrap from stdin.
sources=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [[ -n ${BOOTROUTE_TREE_SUITE:-} ]]; then
    sources="deb http://deb.debian.org/debian $suite main
deb http://deb.debian.org/debian $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main"
fi
mmdebstrap --quiet --variant=minbase --include="$include" \
    --customize-hook='echo "instance" >"$1/etc/hostname"' \
    --customize-hook='rm -f "$1/etc/machine-id" "$1/var/lib/dbus/machine-id"; touch "$1/etc/machine-id"' \
    "$suite" "$work/root" - <<<"$sources" >&2
echo "$recipe" >"$work/root/.bootroute-tree"
mv -T "$work/root" "$tree"
echo "build-tree.sh: $style tree built in $(($(date +%s) - start)) s: $tree" >&2
echo "$tree"
