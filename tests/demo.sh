#!/usr/bin/env bash
# BootRoute demo: publish the agent, build a two-NIC namespace lab, show the second floating IP
# failing, run `bootroute apply` inside the instance, show the rules/tables, show both answering.
# Needs root. The lab is always torn down on exit. Usage: sudo tests/demo.sh [--no-build]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB="$ROOT/tests/BootRoute.Lab/lab.sh"
BIN=${BOOTROUTE_BIN:-$ROOT/out/bootroute}
ID=d$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')

section() { printf '\n\033[1m==== %s ====\033[0m\n' "$*"; }

[[ $(id -u) -eq 0 ]] || { echo "demo.sh: run as root (network namespaces)" >&2; exit 1; }

# The lab's Debian packages (as tests/test.sh and lab.sh's "missing tool(s)" list them): installed when
# missing, with no daemon started (policy-rc.d refuses while apt runs, unless the machine has one).
packages=(dnsmasq-base isc-dhcp-client dhcpcd-base iptables iproute2 iputils-ping netcat-openbsd socat procps util-linux)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
    section "Installing the lab's packages: ${missing[*]}"
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if trap -p EXIT | grep -q policy-rc.d; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
fi

if [[ ${1:-} != --no-build ]]; then
    section "Build: dotnet publish src/BootRoute (NativeAOT, linux-x64)"
    (cd "$ROOT" && dotnet publish src/BootRoute -c Release -r linux-x64 -o out)
fi
[[ -x $BIN ]] || { echo "demo.sh: agent binary not found at $BIN" >&2; exit 1; }

cleanup() {
    section "Teardown: lab $ID"
    bash "$LAB" down "$ID" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

section "Lab up: $ID (dnsmasq DHCP per NIC, dhclient ens3 then ens4, 1:1 NAT floating IPs)"
bash "$LAB" up "$ID" >"/tmp/bootroute-demo-$ID.info"
cat "/tmp/bootroute-demo-$ID.info"
CONFIG=$(sed -n 's/^CONFIG=//p' "/tmp/bootroute-demo-$ID.info")
rm -f "/tmp/bootroute-demo-$ID.info"

section "Instance before the agent: ip rule / ip route"
bash "$LAB" exec "$ID" ip rule
bash "$LAB" exec "$ID" ip -4 route show table main

section "Probe before (from the remote client 192.0.2.10)"
bash "$LAB" probe "$ID"

# The remote client runs a "what is my IP" service: the agent learns each floating IP from it and
# proves each one answers end to end, and probes the client itself from every address.
ECHO=(--set verify.echo_url=http://192.0.2.10/ --set verify.targets.0=192.0.2.10)
section "bootroute apply --config $CONFIG ${ECHO[*]}"
set +e
bash "$LAB" exec "$ID" "$BIN" apply --config "$CONFIG" "${ECHO[@]}"
rc=$?
set -e
echo "(exit code $rc)"

section "Instance after the agent: ip rule"
bash "$LAB" exec "$ID" ip rule

section "Instance after the agent: routing tables (all but local)"
bash "$LAB" exec "$ID" ip -4 route show table all | grep -v ' table local ' || true

section "Probe after"
bash "$LAB" probe "$ID"

exit "$rc"
