#!/usr/bin/env bash
# Runs every BootRoute test: unit tests and the end-to-end network-namespace lab, against the
# NativeAOT binary it publishes first. Run as root from the repository (the lab creates network
# namespaces). Installs the Debian packages the lab needs. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "$(id -u)" != 0 ]; then
  echo "tests/test.sh: run as root: the lab creates network namespaces" >&2
  exit 2
fi

packages=(dnsmasq-base isc-dhcp-client dhcpcd-base iptables iproute2 iputils-ping netcat-openbsd socat procps)
# The benchmark harness's smoke run (BenchmarkSmokeTests): timing, the chart, peak RSS.
packages+=(hyperfine gnuplot-nox time)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== restore"
dotnet restore BootRoute.sln --nologo -v quiet
echo "== publish the NativeAOT agent (trim/AOT warnings are errors)"
dotnet publish src/BootRoute -c Release -r linux-x64 -o out --nologo -v quiet
ls -l out/bootroute
echo "== smoke run"
out/bootroute --version
out/bootroute --help >/dev/null

# The lab runs the agent inside namespaces, but /run and /var are this machine's own: nothing may
# appear there. Checked after the run.
host_owned=(/run/bootroute /etc/iproute2/rt_tables.d/bootroute.conf /etc/iproute2/rt_protos.d/bootroute.conf)
host_before=()
for path in "${host_owned[@]}"; do [ -e "$path" ] || host_before+=("$path"); done

results=$(mktemp -d /tmp/bootroute-test-results.XXXXXX)
trap 'rm -rf "$results"' EXIT
echo "== tests"
status=0
BOOTROUTE_BIN="$PWD/out/bootroute" dotnet test BootRoute.sln --nologo --no-restore \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(value total) executed=$(value executed) ok=$(value passed)
  passed=$((passed + ok))
  failed=$((failed + executed - ok))
  skipped=$((skipped + total - executed))
done
for path in "${host_before[@]}"; do
  if [ -e "$path" ]; then
    echo "tests/test.sh: a test created $path on this machine; lab runs must stay inside the lab's directories and /etc/netns overlay" >&2
    failed=$((failed + 1))
  fi
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The test run itself broke (build error, crashed host): count it, never report green.
  failed=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
