#!/usr/bin/env bash
# Self-test of tests/count-results.sh on crafted projects, listings and trx files: a run that went
# well, a crashed test host with no trx, a crash part-way, a project that lists nothing, a test class
# discovery cannot see, skipped tests, and two projects whose trx files must not be mixed up.
# Needs nothing but bash; tests/test.sh runs it before the suite. Exit 0 when every case holds.
set -euo pipefail
cd "$(dirname "$0")/.."
count=$PWD/tests/count-results.sh
scratch=$(mktemp -d /tmp/bootroute-count-results.XXXXXX)
trap 'rm -rf -- "$scratch"' EXIT
failures=0

# project DIR NAME SOURCE: a test project directory with one .csproj and one source file.
project() {
    mkdir -p "$1/obj"
    echo '<Project Sdk="Microsoft.NET.Sdk" />' >"$1/$2.csproj"
    printf '%s\n' "$3" >"$1/Tests.cs"
    # Build output is not source: its attributes must not count.
    echo '    [Fact]' >"$1/obj/Generated.cs"
}

# listing RESULTS NAME CASE…: what `dotnet test --list-tests` prints.
listing() {
    local results=$1 name=$2; shift 2
    {
        echo "Test run for /src/$name/bin/Debug/net10.0/$name.dll (.NETCoreApp,Version=v10.0)"
        echo "The following Tests are available:"
        local case
        for case in "$@"; do echo "    $case"; done
    } >"$results/$name.list"
}

# trx RESULTS FILE NAME TOTAL EXECUTED PASSED: a trx as the trx logger writes it (with one
# TestMethod per result; a run that crashed before any result has none).
trx() {
    local results=$1 file=$2 name=$3 total=$4 executed=$5 ok=$6 i
    {
        echo '<?xml version="1.0" encoding="utf-8"?>'
        echo '<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><TestDefinitions>'
        for ((i = 0; i < total; i++)); do
            echo "<UnitTest name=\"T$i\" storage=\"/src/${name,,}/bin/debug/net10.0/${name,,}.dll\">"
            echo "<TestMethod codeBase=\"/src/$name/bin/Debug/net10.0/$name.dll\" adapterTypeName=\"executor://xunit/VsTestRunner3/netcore/\" className=\"$name.Tests\" name=\"T$i\" /></UnitTest>"
        done
        echo '</TestDefinitions><ResultSummary outcome="Completed">'
        echo "<Counters total=\"$total\" executed=\"$executed\" passed=\"$ok\" failed=\"$((executed - ok))\" error=\"0\" notExecuted=\"$((total - executed))\" />"
        echo '</ResultSummary></TestRun>'
    } >"$results/$file"
}

# expect CASE "PASSED FAILED SKIPPED" STDERR-PATTERN RESULTS PROJECT_DIR…
expect() {
    local name=$1 want=$2 pattern=$3; shift 3
    local got err
    got=$("$count" "$@" 2>"$scratch/stderr") || { echo "FAIL $name: count-results.sh exited $?" >&2; failures=$((failures + 1)); return; }
    err=$(cat "$scratch/stderr")
    if [[ $got != "$want" ]]; then
        echo "FAIL $name: expected '$want', got '$got' (stderr: $err)" >&2; failures=$((failures + 1))
    elif [[ -z $pattern && -n $err ]] || [[ -n $pattern && ! $err =~ $pattern ]]; then
        echo "FAIL $name: stderr '$err' does not match '${pattern:-(empty)}'" >&2; failures=$((failures + 1))
    else
        echo "ok   $name: $got${err:+ — $err}"
    fi
}

source_three='public sealed class Tests
{
    [Fact]
    public void One() { }
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Two(int x) { }
    [Fact(Timeout = 1000)]
    public void Three() { }
    // [Fact] commented out: not a test
}'
cases_four=(Unit.Tests.One "Unit.Tests.Two(x: 1)" "Unit.Tests.Two(x: 2)" Unit.Tests.Three)

run_case() { rm -rf "$scratch/results" && mkdir -p "$scratch/results"; }
project "$scratch/Unit" Unit "$source_three"

run_case; listing "$scratch/results" Unit "${cases_four[@]}"; trx "$scratch/results" a.trx Unit 4 4 3
expect "all ran, one failed" "3 1 0" "" "$scratch/results" "$scratch/Unit"

run_case; listing "$scratch/results" Unit "${cases_four[@]}"
expect "crashed, no trx" "0 4 0" "Unit wrote no results.*4 listed tests counted as failed" "$scratch/results" "$scratch/Unit"

run_case; listing "$scratch/results" Unit "${cases_four[@]}"; trx "$scratch/results" a.trx Unit 0 0 0
expect "crashed before its first result" "0 4 0" "Unit wrote no results" "$scratch/results" "$scratch/Unit"

run_case; listing "$scratch/results" Unit "${cases_four[@]}"; trx "$scratch/results" a.trx Unit 1 1 1
expect "crashed part-way" "1 3 0" "Unit reported 1 of its 4 listed tests.*other 3 counted as failed" "$scratch/results" "$scratch/Unit"

run_case; listing "$scratch/results" Unit; trx "$scratch/results" a.trx Unit 0 0 0
expect "lists no tests" "0 3 0" "Unit lists no tests \(3 test methods in its source\); 3 counted" "$scratch/results" "$scratch/Unit"

run_case
expect "no listing at all" "0 3 0" "Unit lists no tests" "$scratch/results" "$scratch/Unit"

run_case; listing "$scratch/results" Unit Unit.Tests.One Unit.Tests.Three; trx "$scratch/results" a.trx Unit 2 2 2
expect "a method discovery cannot see" "2 1 0" "Unit discovers 2 of the 3 test methods in its source; 1 counted" "$scratch/results" "$scratch/Unit"

run_case; listing "$scratch/results" Unit "${cases_four[@]}"; trx "$scratch/results" a.trx Unit 4 3 3
expect "one skipped" "3 0 1" "" "$scratch/results" "$scratch/Unit"

# A theory whose data xunit cannot serialise is listed once and reports a result per row.
run_case; listing "$scratch/results" Unit Unit.Tests.One Unit.Tests.Two Unit.Tests.Three; trx "$scratch/results" a.trx Unit 5 5 5
expect "more results than listed cases" "5 0 0" "" "$scratch/results" "$scratch/Unit"

project "$scratch/Lab" Lab '    [Fact] public void A() { }
    [Fact]
    public void B() { }'
run_case; listing "$scratch/results" Unit "${cases_four[@]}"; listing "$scratch/results" Lab Lab.Tests.A Lab.Tests.B
trx "$scratch/results" unit.trx Unit 4 4 4
expect "two projects, one crashed" "4 2 0" "Lab wrote no results.*2 listed" "$scratch/results" "$scratch/Unit" "$scratch/Lab"
trx "$scratch/results" lab.trx Lab 2 2 1
expect "two projects, both ran" "5 1 0" "" "$scratch/results" "$scratch/Unit" "$scratch/Lab"

if ((failures > 0)); then
    echo "tests/count-results.test.sh: $failures case(s) failed" >&2
    exit 1
fi
echo "tests/count-results.test.sh: every case holds"
