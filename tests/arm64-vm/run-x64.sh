#!/usr/bin/env bash
# The x64 side of the arm64 comparison: tests/arm64-vm/scenario.sh with the x64 binary, in a fresh
# network namespace of this machine (and the provider namespace the scenario makes), both deleted on
# exit. /etc/netns/NAME shadows /etc/iproute2 for `ip netns exec`, so the table names apply writes
# land there instead of this machine's /etc.
# Usage: run-x64.sh X64_BINARY
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
name=bootroute-x64vm-$$
provider=bootroute-x64vp-$$
work=$(mktemp -d /tmp/bootroute-x64vm.XXXXXX)
cleanup() {
    ip netns del "$provider" 2>/dev/null || true
    ip netns del "$name" 2>/dev/null || true
    rm -rf --one-file-system "/etc/netns/bootroute-x64vm-$$" "$work"
}
trap cleanup EXIT
mkdir -p "/etc/netns/$name"
cp -a /etc/iproute2 "/etc/netns/$name/iproute2"
ip netns add "$name"
echo "BOOTROUTE-ARM64-BEGIN $(uname -m)"
ip netns exec "$name" sh "$here/scenario.sh" "$bin" "$work/scenario" "$provider" 2>&1
echo "BOOTROUTE-ARM64-END"
