#!/usr/bin/env bash
# Captures dhclient lease files from the real ISC dhclient talking to a real dnsmasq, each run in
# a pair of throwaway network namespaces (brset-<random>-s for the server, -c for the client) joined
# by a veth pair that is created inside the server namespace, so the root namespace is never touched.
# Usage (root): capture.sh OUTDIR      See README.md beside this file.
set -euo pipefail

out=${1:?usage: capture.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d /tmp/brset-capture.XXXXXX)
namespaces=()

stop_pidfile() {
  # Kill only the process we started, by the pid it wrote.
  if [[ -s $1 ]]; then kill "$(cat "$1")" 2>/dev/null || true; rm -f "$1"; fi
}

cleanup() {
  for f in "$tmp"/*.pid; do [[ -e $f ]] && stop_pidfile "$f"; done
  for ns in "${namespaces[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

# capture NAME IFNAME DHCLIENT_CONF RUNS DNSMASQ_OPTION...
#   NAME           output file is $out/NAME
#   IFNAME         the client's interface name, written into the lease as `interface "IFNAME";`
#   DHCLIENT_CONF  dhclient.conf to use inside the client namespace
#   RUNS           how many times to start dhclient on the same lease file (2+ gives renewal blocks)
capture() {
  local name=$1 ifname=$2 conf=$3 runs=$4; shift 4
  local id; id=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  local s=brset-$id-s c=brset-$id-c
  local dir=$tmp/$name; mkdir -p "$dir"
  namespaces+=("$s" "$c")
  ip netns add "$s"
  ip netns add "$c"
  # `ip netns exec` bind-mounts every entry of /etc/netns/<ns>/ over /etc/<entry>: the client sees our
  # dhclient.conf and an empty resolv.conf, and dhclient-script's hooks dirs are hidden with /etc/dhcp.
  mkdir -p "/etc/netns/$c/dhcp"
  cp "$conf" "/etc/netns/$c/dhcp/dhclient.conf"
  : > "/etc/netns/$c/resolv.conf"
  ip -n "$s" link add srv0 type veth peer name "$ifname" netns "$c"
  ip -n "$s" addr add 100.64.1.1/24 dev srv0
  ip -n "$s" link set srv0 up
  ip -n "$c" link set "$ifname" up
  ip netns exec "$s" dnsmasq --conf-file=/dev/null --port=0 --no-resolv --no-hosts \
    --bind-interfaces --interface=srv0 --except-interface=lo \
    --dhcp-range=100.64.1.50,100.64.1.59,255.255.255.0,1h --dhcp-authoritative \
    --dhcp-leasefile="$dir/dnsmasq.leases" --pid-file="$tmp/$name-dnsmasq.pid" \
    --log-facility="$dir/dnsmasq.log" --log-dhcp \
    --dhcp-option=6 "$@"
  local i
  for ((i = 1; i <= runs; i++)); do
    # -1: try once and fail instead of retrying forever; own pid, lease and script paths.
    ip netns exec "$c" timeout 60 dhclient -4 -v -1 -pf "$tmp/$name-dhclient.pid" \
      -lf "$dir/dhclient.leases" -sf /sbin/dhclient-script "$ifname" 2>>"$dir/dhclient.log"
    stop_pidfile "$tmp/$name-dhclient.pid"
    sleep 1
  done
  stop_pidfile "$tmp/$name-dnsmasq.pid"
  cp "$dir/dhclient.leases" "$out/$name"
  ip netns del "$s"; ip netns del "$c"
  rm -rf "/etc/netns/$s" "/etc/netns/$c"
}

debian_conf=/etc/dhcp/dhclient.conf
# A dhclient.conf that neither declares nor requests option 121: dhclient then keeps a forced 121
# as `option unknown-121 <hex>`.
bare_conf=$tmp/bare.conf
printf 'request subnet-mask, routers;\n' > "$bare_conf"
# Declares Microsoft's option 249 the way Debian declares 121.
ms_conf=$tmp/ms.conf
{ cat "$debian_conf"; printf 'option ms-classless-static-routes code 249 = array of unsigned integer 8;\nalso request ms-classless-static-routes;\n'; } > "$ms_conf"

capture dhclient.ens3.leases ens3 "$debian_conf" 1 --dhcp-option=3,100.64.1.1
capture dhclient.ens4.leases ens4 "$debian_conf" 1 \
  --dhcp-option=3,100.64.1.254 \
  --dhcp-option=121,169.254.169.254/32,100.64.1.1,0.0.0.0/0,100.64.1.1
capture dhclient.ens5.leases ens5 "$debian_conf" 3 --dhcp-option=3,100.64.1.1
capture dhclient-unknown121-ens6.lease ens6 "$bare_conf" 1 \
  --dhcp-option=3,100.64.1.254 \
  --dhcp-option-force=121,100.64.0.0/20,100.64.1.1,0.0.0.0/0,100.64.1.1
capture dhclient-ms249-ens7.leases ens7 "$ms_conf" 1 \
  --dhcp-option=3,100.64.1.254 \
  --dhcp-option-force=249,198.51.100.0/24,100.64.1.1,0.0.0.0/0,100.64.1.1
echo "captured into $out:"; ls -l "$out"
