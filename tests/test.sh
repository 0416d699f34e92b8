#!/usr/bin/env bash
# Runs every BootRoute test: unit tests and the end-to-end network-namespace lab, against the
# NativeAOT binary it publishes first. Run as root from the repository (the lab creates network
# namespaces). Installs the Debian packages the lab needs. Ends with one line "N passed, N failed".
# Every test project's tests are listed before the run; a project that lists fewer than its source
# declares, or reports fewer than it listed (a crashed test host), has the missing ones counted as
# failed (tests/count-results.sh, checked by tests/count-results.test.sh first).
# Then a short fuzz run of every parser (tests/fuzz/run.sh): one result per target in that line; and
# the boot test (tests/boot/boot.sh): one result per check of a real boot.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "$(id -u)" != 0 ]; then
  echo "tests/test.sh: run as root: the lab creates network namespaces" >&2
  exit 2
fi

packages=(dnsmasq-base isc-dhcp-client dhcpcd-base iptables iproute2 iputils-ping netcat-openbsd socat procps)
# Packaging checks (#6): help2man makes the man page; cloud-init's Python libraries for its schema
# check (cloud-init itself is extracted below, never installed); systemd-analyze verifies the unit.
packages+=(help2man systemd python3 python3-yaml python3-jsonschema python3-jinja2 python3-configobj
  python3-jsonpatch python3-netifaces python3-oauthlib python3-requests python3-serial python3-pkg-resources)
# The RPM (build/rpm.sh): rpmbuild makes it, rpm installs and erases it in a scratch root.
packages+=(rpm)
# linux-arm64 (Arm64Tests): the cross linker and libc, qemu-user to run the binary, mmdebstrap for the
# arm64 root it runs in (tests/arm64-root.sh).
packages+=(crossbuild-essential-arm64 qemu-user-static mmdebstrap)
# The arm64 machine (Arm64MachineTests): qemu-system-aarch64 boots Debian's arm64 kernel, cpio packs
# its initramfs (tests/arm64-vm/build.sh).
packages+=(qemu-system-arm cpio)
# Persistence tests: patch proves plan's diffs; dbus-daemon gives the lab's systemd-networkd a bus.
packages+=(patch dbus-daemon)
# The benchmark harness's smoke run (BenchmarkSmokeTests): timing, the chart, peak RSS.
packages+=(hyperfine gnuplot-nox time)
# The short fuzz run of every parser (tests/fuzz/run.sh, docs/fuzzing.md).
packages+=(afl++)
# The boot test (tests/boot, issue #16): mmdebstrap builds the image trees; systemd-container (below,
# at exactly this machine's systemd version: never an upgrade of systemd) boots them with nspawn.
packages+=(mmdebstrap)
# Monitoring (#17): promtool checks the metrics.textfile a real run writes (LabMonitoringTests).
packages+=(prometheus)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  # No package may start a daemon on this machine (dbus-daemon's would): policy-rc.d refuses every
  # start while apt runs, unless the image already has one.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if trap -p EXIT | grep -q policy-rc.d; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
fi
systemd_version=$(dpkg-query -W -f='${Version}' systemd)
if [ "$(dpkg-query -W -f='${Version}' systemd-container 2>/dev/null || true)" != "$systemd_version" ]; then
  echo "== installing systemd-container=$systemd_version (the boot test's systemd-nspawn)"
  policy_made=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_made=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "systemd-container=$systemd_version" >/dev/null \
    || echo "tests/test.sh: systemd-container $systemd_version could not be installed: the boot test will fail" >&2
  if [ "$policy_made" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
# The network stacks' own tools (netplan generate, ifquery/ifup, nmcli), unpacked, never installed.
echo "== stack tools"
BOOTROUTE_TOOLS_DIR=$(tests/tools.sh)
export BOOTROUTE_TOOLS_DIR

echo "== restore"
dotnet restore BootRoute.sln --nologo -v quiet
echo "== build/build.sh: the NativeAOT agent for x64 and arm64 (trim/AOT warnings are errors), the .debs and the .rpms"
build/build.sh out
ls -l out/bootroute out/arm64/bootroute out/bootroute_*.deb out/bootroute-*.rpm
echo "== smoke run"
out/bootroute --version
out/bootroute --help >/dev/null
# The lab's agent: the same code with the fault and delay hooks (BOOTROUTE_INJECT_*) compiled in;
# the shipped out/bootroute ignores them, and a lab test proves it.
echo "== the lab's build: -p:BootRouteTestHooks=true"
dotnet publish src/BootRoute -c Release -r linux-x64 -o out/test-hooks --nologo -v quiet -p:BootRouteTestHooks=true \
  "-p:SourceRevisionId=$(git rev-parse HEAD 2>/dev/null || echo unknown)"
rm -f out/test-hooks/bootroute.dbg
out/test-hooks/bootroute --version

# The lab runs the agent inside namespaces and the packaging and boot tests install into scratch
# roots and lab overlays, but /run, /var and /etc are this machine's own: nothing BootRoute may write
# there may appear or change. The list comes from the agent (bootroute paths --owned: paths and shell
# patterns; "marked-block" after an image file BootRoute only writes its block into). Checked after
# the run against what was there before.
owned_list=$(out/bootroute paths --owned)
mapfile -t host_owned <<<"$owned_list"
if [ -z "$owned_list" ]; then
  echo "tests/test.sh: bootroute paths --owned listed nothing" >&2
  exit 1
fi
# What of the list is on this machine now: each existing match, a marked-block file only with a block.
host_owned_present() {
  local entry pattern kind path restore
  restore=$(shopt -p nullglob || true)  # shopt -p fails when the option is off
  shopt -s nullglob
  for entry in "${host_owned[@]}"; do
    read -r pattern kind <<<"$entry"
    for path in $pattern; do  # unquoted on purpose: the shell expands the pattern
      if [ "$kind" = marked-block ]; then
        if grep -qs '^# BEGIN bootroute' "$path"; then echo "$path"; fi
      elif [ -e "$path" ] || [ -L "$path" ]; then
        echo "$path"
      fi
    done
  done
  eval "$restore"
}
host_before=$(host_owned_present)

# cloud-init's own schema check, from Debian's package, extracted into a cache and never installed:
# installing it would enable cloud-init's units on this machine.
cloud_init_cache=/var/cache/bootroute-test/cloud-init
if [ ! -x "$cloud_init_cache/cloud-init" ]; then
  echo "== cloud-init: apt-get download + dpkg-deb -x into $cloud_init_cache"
  download=$(mktemp -d)
  chmod 0777 "$download"   # apt-get download drops to _apt
  (cd "$download" && apt-get download -qq cloud-init >/dev/null)
  rm -rf "$cloud_init_cache" && mkdir -p "$cloud_init_cache"
  dpkg-deb -x "$download"/cloud-init_*.deb "$cloud_init_cache/root"
  rm -rf "$download"
  cat >"$cloud_init_cache/cloud-init" <<WRAPPER
#!/bin/sh
PYTHONPATH=$cloud_init_cache/root/usr/lib/python3/dist-packages exec /usr/bin/python3 $cloud_init_cache/root/usr/bin/cloud-init "\$@"
WRAPPER
  chmod 0755 "$cloud_init_cache/cloud-init"
fi
"$cloud_init_cache/cloud-init" --version
export BOOTROUTE_CLOUD_INIT="$cloud_init_cache/cloud-init"

# The arm64 root qemu-user runs out/arm64/bootroute in (Debian's libc6 and libssl3 for arm64, unpacked).
echo "== arm64 root for qemu (tests/arm64-root.sh)"
# Not fatal here: without it Arm64Tests fail (they never skip) and the run still ends with its counts.
BOOTROUTE_ARM64_ROOT=$(tests/arm64-root.sh) || echo "tests/test.sh: no arm64 root: Arm64Tests will fail"
export BOOTROUTE_ARM64_ROOT
qemu-aarch64-static -L "$BOOTROUTE_ARM64_ROOT" out/arm64/bootroute --version || echo "tests/test.sh: out/arm64/bootroute does not run under qemu"
# The arm64 machine that runs plan and apply in a real aarch64 kernel (Debian's kernel, iproute2, libc).
echo "== arm64 machine for qemu-system (tests/arm64-vm/build.sh)"
BOOTROUTE_ARM64_VM=$(tests/arm64-vm/build.sh) || echo "tests/test.sh: no arm64 machine: Arm64MachineTests will fail"
export BOOTROUTE_ARM64_VM

results=$(mktemp -d /tmp/bootroute-test-results.XXXXXX)
trap 'rm -rf "$results"' EXIT
status=0
# The counting below decides what this script reports: prove it first, on crafted results.
echo "== tests/count-results.test.sh"
counting_broken=0
tests/count-results.test.sh >/dev/null || counting_broken=1
echo "== build the test projects, list their tests"
mapfile -t test_projects < <(dotnet sln BootRoute.sln list | sed -n 's|^\(tests/[^ ]*\)/[^/]*\.csproj$|\1|p')
dotnet build BootRoute.sln --nologo --no-restore -v quiet || status=$?
for project in "${test_projects[@]}"; do
  # An empty or missing listing is counted as a failure of that project by count-results.sh.
  dotnet test "$project" --nologo --no-build --list-tests >"$results/$(basename "$project").list" 2>&1 || status=$?
done
echo "== tests"
BOOTROUTE_BIN="$PWD/out/test-hooks/bootroute" BOOTROUTE_RELEASE_BIN="$PWD/out/bootroute" dotnet test BootRoute.sln --nologo --no-build \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

counts=$(tests/count-results.sh "$results" "${test_projects[@]}") || counts="0 1 0"
read -r passed failed skipped <<<"$counts"

# A bounded fuzz run of each parser, 12 s a target (about 2.5 minutes in all): one passed per target
# with no crash and no hang, one failed per target with either (or that did not run). The long
# campaigns are run by hand (docs/fuzzing.md).
echo "== tests/fuzz/run.sh all --seconds 12"
tests/fuzz/run.sh all --seconds 12 --out out/fuzz --counts "$results/fuzz.counts" || true
# A step's "PASSED FAILED" file into the totals; none at all counts as one failure.
add_counts() {
  local extra_passed extra_failed
  if [ -s "$1" ]; then
    read -r extra_passed extra_failed <"$1"
    passed=$((passed + extra_passed))
    failed=$((failed + extra_failed))
  else
    echo "tests/test.sh: $2 wrote no figures" >&2
    failed=$((failed + 1))
  fi
}
add_counts "$results/fuzz.counts" "tests/fuzz/run.sh (build or instrumentation failed)"
# The boot test (tests/boot/boot.sh, issue #16): real Debian trees (netplan + systemd-networkd,
# ifupdown + ISC dhclient, NetworkManager; cached under /var/tmp/bootroute-trees), cloud-init and the shipped agent
# baked in with `install --root`, each booted twice with systemd-nspawn inside a lab instance. One
# result per check; no figures (it could not even start) is one failure, never a skip.
for style in netplan ifupdown networkmanager; do
  echo "== tests/boot/boot.sh $style"
  timeout 1500 tests/boot/boot.sh "$style" out/bootroute "$results/boot-$style.counts" || true
  add_counts "$results/boot-$style.counts" "tests/boot/boot.sh $style"
done
# The .deb the build made, baked in with dpkg --root instead of install --root, then purged inside the
# booted system (issue #16, part 5); netplan style, the one of Ubuntu's cloud images.
debs=(out/bootroute_*_amd64.deb)
echo "== tests/boot/boot.sh netplan ${debs[0]}"
timeout 1500 tests/boot/boot.sh netplan "${debs[0]}" "$results/boot-deb.counts" || true
add_counts "$results/boot-deb.counts" "tests/boot/boot.sh netplan ${debs[0]}"
if [ "$counting_broken" -ne 0 ]; then
  echo "tests/test.sh: tests/count-results.test.sh failed: the figures below cannot be trusted" >&2
  failed=$((failed + 1))
fi
while read -r path; do
  [ -n "$path" ] || continue
  if ! grep -qxF -- "$path" <<<"$host_before"; then
    echo "tests/test.sh: a test created $path on this machine (or wrote BootRoute's block into it); lab runs must stay inside the lab's directories and /etc/netns overlay" >&2
    failed=$((failed + 1))
  fi
done <<<"$(host_owned_present)"
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
