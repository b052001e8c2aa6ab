#!/usr/bin/env bash
# The man pages: man --warnings and lexgrog find nothing to complain about, and formwork-cli.1 has
# a section for every command with every option that command's --help lists, every exit code of
# app/cli/clicommand.h and every environment variable the CLI reads; formwork.1 every option of
# formwork --help.
# Usage: tst_manpages.sh SOURCE_DIR FORMWORK_CLI FORMWORK VERSION
set -uo pipefail
source_dir=$1 cli=$2 gui=$3 version=$4
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
export LANGUAGE= LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen
for tool in man lexgrog; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is missing (man-db)"
        exit 77
    fi
done
man_dir=$source_dir/resources/man

for page in "$man_dir/formwork.1" "$man_dir/formwork-cli.1"; do
    name=$(basename "$page" .1)
    # man-db's own check: groff's warnings (-ww) and man's, at a fixed width.
    warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
    if [[ -z $warnings ]]; then
        pass "man --warnings is silent on $name.1"
    else
        fail "man --warnings on $name.1:"
        printf '%s\n' "$warnings" | sed 's/^/    /' >&2
    fi
    contains "lexgrog finds the NAME line of $name.1" "$(lexgrog "$page" 2>&1)" "\"$name - "
    contains "$name.1 is for Formwork $version" "$(grep '^\.TH ' "$page")" "\"Formwork $version\""
done

# The text between ".SS NAME" (or ".SH NAME") and the next section heading.
section()
{
    awk -v heading="$2" '
        $0 == heading { inside = 1; next }
        inside && /^\.S[HS] / { exit }
        inside { print }' "$1"
}

# The long options a --help text lists ("  -h, --help ...", "  --model <M> ...").
options_of()
{
    grep -oE '^  (-[A-Za-z], )?--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*'
}

# The man source writes a dash as \-.
escaped()
{
    printf '%s' "${1//-/\\-}"
}

cli_page=$man_dir/formwork-cli.1
# The commands are the lines "  name  summary" of formwork-cli --help (whatever the heading says).
commands=$("$cli" --help | grep -oE '^  [a-z][a-z0-9-]*  ' | xargs)
check "formwork-cli --help lists commands" test -n "$commands"
for command in $commands; do
    text=$(section "$cli_page" ".SS $command")
    check "formwork-cli.1 has a section for '$command'" test -n "$text"
    for option in $("$cli" "$command" --help | options_of); do
        contains "formwork-cli.1 documents '$command $option'" "$text" "$(escaped "$option")"
    done
done

exit_status=$(section "$cli_page" ".SH EXIT STATUS")
for code in $(grep -oE 'Exit[A-Za-z]+ = [0-9]+' "$source_dir/app/cli/clicommand.h" | grep -oE '[0-9]+$'); do
    contains "formwork-cli.1 explains exit status $code" "$exit_status" $'.TP\n.B '"$code"$'\n'
done

# Environment variables the CLI and the core read, as string literals in their sources.
environment=$(section "$cli_page" ".SH ENVIRONMENT")
for variable in $(grep -rhoE '"(FORMWORK|OLLAMA)_[A-Z_]+"' "$source_dir/app/cli" "$source_dir/app/core" | tr -d '"' | sort -u); do
    contains "formwork-cli.1 documents \$$variable" "$environment" "$(escaped "$variable")"
done

gui_page=$man_dir/formwork.1
options=$(section "$gui_page" ".SH OPTIONS")
for option in $("$gui" --help | options_of); do
    contains "formwork.1 documents '$option'" "$options" "$(escaped "$option")"
done
environment=$(section "$gui_page" ".SH ENVIRONMENT")
for variable in $(grep -rhoE '"(FORMWORK|OLLAMA)_[A-Z_]+"' "$source_dir/ui" "$source_dir/app/gui" | tr -d '"' | sort -u); do
    contains "formwork.1 documents \$$variable" "$environment" "$(escaped "$variable")"
done

finish
