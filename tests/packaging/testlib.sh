# Shared by the packaging tests: assertions that name what failed, and a count at the end.
# Each test script sources this, calls check/fail, and ends with `finish`.
failures=0

fail()
{
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

pass()
{
    echo "PASS: $*"
}

# check "what" command...: runs the command, PASS or FAIL named by "what"; the command's output
# is shown only when it fails.
check()
{
    local what=$1 output
    shift
    if output=$("$@" 2>&1); then
        pass "$what"
    else
        fail "$what"
        [[ -z $output ]] || printf '%s\n' "$output" | sed 's/^/    /' >&2
    fi
}

# contains "what" haystack needle
contains()
{
    if [[ $2 == *"$3"* ]]; then
        pass "$1"
    else
        fail "$1: expected '$3' in:"
        printf '%s\n' "$2" | head -n 8 | sed 's/^/    /' >&2
    fi
}

# note: a check that could not run because a tool is missing (not a failure, but said).
note()
{
    echo "NOTE: $*"
}

finish()
{
    if ((failures > 0)); then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
