#!/usr/bin/env bash
# Coverage-guided fuzzing of BootRoute's parsers with AFL++ and SharpFuzz (docs/fuzzing.md):
#   tests/fuzz/run.sh TARGET…|all [--seconds N] [--out DIR] [--counts FILE]
# Builds tests/fuzz/BootRoute.Fuzz, instruments its copy of bootroute.dll (and YamlDotNet.dll, whose
# parser the YAML targets run through) with the sharpfuzz tool (.config/dotnet-tools.json), then runs
# afl-fuzz on each target for N seconds (default 60), seeded from tests/BootRoute.Tests/Fixtures and
# the harness's built-in seeds. Prints one line per target from AFL++'s fuzzer_stats; every crash or
# hang is copied to DIR/crashes/TARGET/ to become a fixture. Exits 1 when any target crashed, hung or
# did not run. --counts FILE writes "PASSED FAILED" (one per target) for tests/test.sh's final line.
# Needs afl-fuzz (Debian: afl++); changes no system setting (core_pattern, CPU governor).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

all_targets=(dhclient dhcpcd networkd networkd-json networkmanager openstack option121 echo settings netplan state)
fixtures=tests/BootRoute.Tests/Fixtures
# The fixture files each target starts from (shell patterns); the harness adds its own (Seeds.cs).
seed_patterns() {
  case $1 in
    dhclient) echo "$fixtures/dhclient/*.lease*" ;;
    dhcpcd) echo "$fixtures/dhcpcd/*.lease" ;;
    networkd) echo "$fixtures/networkd/kv-*.lease" ;;
    networkd-json) echo "$fixtures/networkd/json-*.lease" ;;
    networkmanager) echo "$fixtures/networkmanager/device-*" ;;
    openstack) echo "$fixtures/openstack/*.json" ;;
    netplan) echo "$fixtures/persistence/netplan/*.yaml cloud-init/*.yaml" ;;
    *) ;;
  esac
}

usage() { echo "usage: tests/fuzz/run.sh TARGET…|all [--seconds N] [--out DIR] [--counts FILE]; targets: ${all_targets[*]}" >&2; exit 2; }
seconds=60 out=out/fuzz counts='' targets=()
while (($# > 0)); do
  case $1 in
    --seconds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage; seconds=$2; shift 2 ;;
    --out) [[ -n ${2:-} ]] || usage; out=$2; shift 2 ;;
    --counts) [[ -n ${2:-} ]] || usage; counts=$2; shift 2 ;;
    all) targets+=("${all_targets[@]}"); shift ;;
    *) [[ " ${all_targets[*]} " == *" $1 "* ]] || usage; targets+=("$1"); shift ;;
  esac
done
((${#targets[@]} > 0)) || usage
command -v afl-fuzz >/dev/null || { echo "tests/fuzz/run.sh: afl-fuzz not found (Debian: apt-get install afl++)" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

echo "== fuzz: build and instrument the harness"
dotnet tool restore >/dev/null
harness=$out/harness
rm -rf "$harness"
dotnet build tests/fuzz/BootRoute.Fuzz -c Release -o "$harness" --nologo -v quiet >"$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; exit 1; }
for assembly in bootroute.dll YamlDotNet.dll; do
  dotnet sharpfuzz "$harness/$assembly" >/dev/null
done

# No terminal, no CPU governor check, no core_pattern demand (this machine's setting stays), no
# pinning to a core (the machine is shared); dotnet itself is not instrumented: SharpFuzz's
# forkserver in the harness speaks to AFL++.
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1
# A .NET run of one input takes milliseconds; seconds mean a loop.
timeout_ms=${BOOTROUTE_FUZZ_TIMEOUT_MS:-5000}
passed=0 failed=0
stat() { sed -n "s/^$1 *: *//p" "$2"; }
for target in "${targets[@]}"; do
  work=$out/$target
  rm -rf "$work"
  mkdir -p "$work/in" "$work/tmp"
  for pattern in $(seed_patterns "$target"); do  # unquoted: the shell expands each pattern
    for file in $pattern; do [[ -f $file ]] && cp "$file" "$work/in/"; done
  done
  dotnet "$harness/BootRoute.Fuzz.dll" "$target" --seeds "$work/in"
  started=$(date +%s)
  TMPDIR=$work/tmp afl-fuzz -i "$work/in" -o "$work/findings" -V "$seconds" -t "$timeout_ms" -m none \
    -- dotnet "$harness/BootRoute.Fuzz.dll" "$target" >"$work/afl.log" 2>&1 || true
  stats=$work/findings/default/fuzzer_stats
  if [[ ! -f $stats ]]; then
    echo "fuzz $target: afl-fuzz did not run; the end of $work/afl.log:" >&2
    tail -n 15 "$work/afl.log" >&2
    failed=$((failed + 1))
    continue
  fi
  crashes=$(stat saved_crashes "$stats") hangs=$(stat saved_hangs "$stats")
  printf 'fuzz %-15s %s s, %s executions (%s/s), %s paths, %s crashes, %s hangs\n' "$target" "$(($(date +%s) - started))" \
    "$(stat execs_done "$stats")" "$(stat execs_per_sec "$stats")" "$(stat corpus_count "$stats")" "$crashes" "$hangs"
  if ((crashes + hangs > 0)); then
    mkdir -p "$out/crashes/$target"
    find "$work/findings/default/crashes" "$work/findings/default/hangs" -type f -name 'id:*' \
      -exec cp {} "$out/crashes/$target/" \;
    echo "fuzz $target: inputs in $out/crashes/$target; reproduce: dotnet $harness/BootRoute.Fuzz.dll $target FILE" >&2
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
[[ -z $counts ]] || echo "$passed $failed" >"$counts"
echo "fuzz: $passed targets clean, $failed with crashes, hangs or no run"
((failed == 0))
