#!/usr/bin/env bash
# Counts a test run's results per test project, so that tests which never ran count as failed:
#   tests/count-results.sh RESULTS_DIR PROJECT_DIR…
# RESULTS_DIR holds the run's .trx files (dotnet test --logger trx) and, per project, NAME.list: the
# output of `dotnet test PROJECT --no-build --list-tests`, taken before the run (NAME is the .csproj's
# name, which is the test assembly's). Prints "PASSED FAILED SKIPPED" on stdout; every shortfall is
# one line on stderr naming the project and the figure. Per project:
# - the listing must show every [Fact]/[Theory] method in its source (a test class xunit cannot
#   see, e.g. one made internal, is silently never run): each missing method counts as failed;
# - a listing with no tests at all is a failure (at least one);
# - the trx files must report at least as many tests as were listed: if the test host crashed, or
#   never wrote a trx, every listed test it did not report counts as failed.
# A trx is matched to its project by the test assembly its tests came from (TestMethod codeBase).
set -euo pipefail
(($# >= 2)) || { echo "usage: tests/count-results.sh RESULTS_DIR PROJECT_DIR…" >&2; exit 2; }
results=$1; shift

# Attribute lines such as "[Fact]", "[Theory]", "[Fact(Timeout = 5)]", "[SkippableFact]",
# "[Xunit.Fact]": one test method each. Comments and strings never start a line with "[".
attribute='^[[:space:]]*\[([A-Za-z_.]*\.)?[A-Za-z_]*(Fact|Theory)(Attribute)?[[:space:]]*[](,]'

passed=0 failed=0 skipped=0
for project_dir in "$@"; do
    csproj=$(find "$project_dir" -maxdepth 1 -name '*.csproj' | head -n1)
    [[ -n $csproj ]] || { echo "tests/count-results.sh: no .csproj in $project_dir" >&2; exit 2; }
    name=$(basename "$csproj" .csproj)

    in_source=$(find "$project_dir" -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' -print0 \
        | xargs -0 -r cat | grep -cE "$attribute" || true)
    listed_cases=0 listed_methods=0
    if [[ -f $results/$name.list ]]; then
        # After "The following Tests are available:", one indented display name per test case;
        # a theory's cases are "Class.Method(arg: value, …)".
        cases=$(sed -n '/^The following Tests are available:/,$ { s/^    \([^ ].*\)$/\1/p }' "$results/$name.list")
        if [[ -n $cases ]]; then
            listed_cases=$(wc -l <<<"$cases")
            listed_methods=$(sed 's/(.*//' <<<"$cases" | sort -u | wc -l)
        fi
    fi
    if ((listed_cases == 0)); then
        missing=$((in_source > 0 ? in_source : 1))
        echo "tests/count-results.sh: $name lists no tests ($in_source test methods in its source); $missing counted as failed" >&2
        failed=$((failed + missing))
    elif ((listed_methods < in_source)); then
        echo "tests/count-results.sh: $name discovers $listed_methods of the $in_source test methods in its source; $((in_source - listed_methods)) counted as failed" >&2
        failed=$((failed + in_source - listed_methods))
    fi

    reported=0 found=0
    for trx in "$results"/*.trx; do
        [[ -e $trx ]] || continue
        codebase=$({ grep -o '<TestMethod [^>]*codeBase="[^"]*"' "$trx" || true; } | head -n1 | sed 's/.*codeBase="\([^"]*\)"/\1/')
        [[ ${codebase,,} == */"${name,,}.dll" ]] || continue
        found=$((found + 1))
        counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
        total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
        executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
        ok=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
        total=${total:-0} executed=${executed:-0} ok=${ok:-0}
        passed=$((passed + ok))
        failed=$((failed + executed - ok))
        skipped=$((skipped + total - executed))
        reported=$((reported + total))
    done
    if ((found == 0 && listed_cases > 0)); then
        echo "tests/count-results.sh: $name wrote no results (did its test host crash?); its $listed_cases listed tests counted as failed" >&2
        failed=$((failed + listed_cases))
    elif ((reported < listed_cases)); then
        echo "tests/count-results.sh: $name reported $reported of its $listed_cases listed tests (did its test host crash?); the other $((listed_cases - reported)) counted as failed" >&2
        failed=$((failed + listed_cases - reported))
    fi
done
echo "$passed $failed $skipped"
