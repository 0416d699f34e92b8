#!/bin/sh
# The arm64 plan/apply scenario: two NICs with DHCP-style leases (dynamic addresses and proto dhcp
# defaults, as a DHCP client leaves them) behind two gateways in a provider namespace; plan, apply,
# apply again, remove, printing the kernel's rules and routes after each step. Runs unchanged in the
# arm64 VM (tests/arm64-vm/init, a real aarch64 kernel) and, for comparison, in a fresh namespace on
# the build machine with the x64 binary: their outputs must be equal. Only the namespace it is started
# in and the provider namespace PROVIDER it creates are touched; both are the caller's to delete.
# Usage: scenario.sh BIN WORKDIR PROVIDER
set -u
bin=$1 work=$2 provider=$3
mkdir -p "$work/state"
cat >"$work/bootroute.yaml" <<YAML
leases:
  sources: [kernel]
persist:
  backend: none
state:
  directory: $work/state
discovery:
  timeout: 0
verify:
  timeout: 2s
YAML
ip link set lo up
ip netns add "$provider" || exit 1
for i in 1 2; do
    nic=ens$((i + 2))
    ip link add "$nic" type veth peer name "gw$i" netns "$provider" || exit 1
    ip -n "$provider" address add "100.64.$i.1/24" dev "gw$i"
    ip -n "$provider" link set "gw$i" up
    ip address add "100.64.$i.10/24" dev "$nic" valid_lft 3600 preferred_lft 3600
    ip link set "$nic" up
done
# Wait (bounded) for both links' carrier so the DHCP-style defaults can be added.
n=0
while [ $n -lt 50 ] && ! ip route get 100.64.2.1 >/dev/null 2>&1; do n=$((n + 1)); sleep 0.1; done
ip route add default via 100.64.1.1 dev ens3 proto dhcp metric 100
ip route add default via 100.64.2.1 dev ens4 proto dhcp metric 200
kernel() {
    echo "-- rules"; ip rule show
    echo "-- routes"; ip route show table all | grep -v -e '^local ' -e '^broadcast ' -e '^fe80' -e '^multicast' -e ' table local '
}
step() {
    name=$1; shift
    echo "== $name"
    "$bin" "$@" --config "$work/bootroute.yaml" >"$work/$name.out" 2>&1
    echo "exit $?"
    kernel
}
step plan plan
step apply apply
step apply-again apply
step remove remove
# The reports, with the times (the only figures that differ between runs and machines) left out.
for name in plan apply apply-again remove; do
    echo "== $name report"
    sed -E -e 's/; the check took [0-9.]+ ms//' -e 's/[0-9]+(\.[0-9]+)? ms/N ms/g' "$work/$name.out"
done
echo "== end"
