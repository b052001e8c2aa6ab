#!/usr/bin/env bash
# The bash completion of formwork-cli, sourced as bash-completion loads it: commands, options,
# the values of --mode, --api and --draft, file and directory arguments; and every command and
# option that formwork-cli's --help lists is completed, and no option it does not list.
# Usage: tst_completion.sh SOURCE_DIR FORMWORK_CLI
set -uo pipefail
source_dir=$1 cli=$2
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
export LANGUAGE= LC_ALL=C.UTF-8

if [[ -r /usr/share/bash-completion/bash_completion ]]; then
    source /usr/share/bash-completion/bash_completion
else
    note "bash-completion is not installed: checking the completion's own fallback"
fi
source "$source_dir/resources/completions/formwork-cli.bash"
check "the completion registers _formwork_cli for formwork-cli" \
    test "$(complete -p formwork-cli 2>/dev/null)" = "complete -F _formwork_cli formwork-cli"

# complete_words WORD...: what <TAB> offers after the words, split as bash splits them (the last
# word is the one being completed; "" for a new word). Prints the candidates sorted, one line.
complete_words()
{
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    # The line as typed: words apart by a space, but "--mode=s" is the three words --mode = s.
    local word previous=''
    COMP_LINE=''
    for word in "$@"; do
        [[ -z $COMP_LINE || $word == = || $previous == = ]] || COMP_LINE+=' '
        COMP_LINE+=$word previous=$word
    done
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _formwork_cli formwork-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | xargs
}

# expect "what" "expected candidates" WORD...
expect()
{
    local what=$1 wanted=$2 got
    shift 2
    got=$(complete_words "$@")
    if [[ $got == "$wanted" ]]; then pass "$what"; else fail "$what: expected '$wanted', got '$got'"; fi
}

expect "formwork-cli ex<TAB> completes the command" "extract" formwork-cli ex
expect "formwork-cli <TAB> offers the commands" "--help --version batch draft-schema extract history models suite validate" \
    formwork-cli ""
expect "extract --mode <TAB> offers the modes" "json md-json schema tools" formwork-cli extract --mode ""
expect "extract --mode m<TAB> narrows them" "md-json" formwork-cli extract --mode m
expect "extract --mode=<TAB> (bash splits at '=') offers the modes" "json md-json schema tools" \
    formwork-cli extract --mode =
expect "extract --mode=t<TAB> narrows them" "tools" formwork-cli extract --mode = t
expect "extract --api <TAB> offers the APIs" "ollama openai" formwork-cli extract --api ""
expect "models --api op<TAB>" "openai" formwork-cli models --api op
expect "validate --draft <TAB> offers the drafts" "2020-12 7" formwork-cli validate --draft ""
expect "extract --num<TAB> offers both num options" "--num-ctx --num-predict" formwork-cli extract --num
expect "extract --model <TAB> offers nothing made up" "" formwork-cli extract --model ""
expect "an unknown command completes nothing" "" formwork-cli frobnicate --m
expect "history <TAB> offers the actions" "list revalidate show" formwork-cli history ""
expect "history re<TAB> narrows them" "revalidate" formwork-cli history re
expect "history --batch 3 <TAB> still offers the actions" "list revalidate show" formwork-cli history --batch 3 ""
expect "history show <TAB> offers nothing made up (a run ID)" "" formwork-cli history show ""
expect "batch <TAB> takes no argument: offers the options" "$(complete_words formwork-cli batch --)" formwork-cli batch ""

# Files and directories, in a directory made for it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/suite-dir"
touch "$work/schema.json" "$work/sample.json"
cd "$work" || exit 1
expect "validate --schema s<TAB> offers files" "sample.json schema.json suite-dir" formwork-cli validate --schema s
expect "validate <TAB> offers instance files" "sample.json schema.json suite-dir" formwork-cli validate --schema schema.json s
expect "suite <TAB> offers directories only" "suite-dir" formwork-cli suite s
expect "extract --trace <TAB> offers files" "sample.json schema.json suite-dir" formwork-cli extract --trace s
expect "batch --input <TAB> offers files and directories" "sample.json schema.json suite-dir" formwork-cli batch --input s
for option in --out --template --history; do
    expect "batch $option <TAB> offers files" "sample.json schema.json suite-dir" formwork-cli batch "$option" s
done
for option in --json-grounding --html-report; do
    expect "extract $option <TAB> offers files" "sample.json schema.json suite-dir" formwork-cli extract "$option" s
done
expect "history --history <TAB> offers files" "sample.json schema.json suite-dir" formwork-cli history --history s
cd - >/dev/null || exit 1

# Everything formwork-cli --help lists is completed: the commands, and each command's options.
# The commands are the lines "  name  summary" of formwork-cli --help (whatever the heading says).
commands=$("$cli" --help | grep -oE '^  [a-z][a-z0-9-]*  ' | xargs)
check "formwork-cli --help lists commands" test -n "$commands"
offered=" $(complete_words formwork-cli "") "
for command in $commands; do
    contains "formwork-cli <TAB> offers '$command'" "$offered" " $command "
    options=" $(complete_words formwork-cli "$command" --) "
    listed=" $("$cli" "$command" --help | grep -oE '^  (-[A-Za-z], )?--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z][a-z0-9-]*' | xargs) "
    for option in $listed; do
        contains "formwork-cli $command --<TAB> offers '$option'" "$options" " $option "
    done
    # And nothing the command no longer has (an option offered but refused is worse than none).
    for option in $options; do
        contains "formwork-cli $command --help lists the offered '$option'" "$listed" " $option "
    done
done

finish
