# bash completion for formwork-cli(1)                                  -*- shell-script -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Installed as share/bash-completion/completions/formwork-cli, where bash-completion loads it on
# first use.

# One line per command: its name, what its positional arguments are (@files, @dirs, @none, or
# @actions: the words of _formwork_cli_actions), then its options; an option that takes a value
# ends in '='. A new command is one more line.
_formwork_cli_table='
validate @files --schema= --draft= --formats --checks= --workspace= --source= --help
extract  @none  --model= --schema= --prompt= --input= --system= --host= --api= --mode= --attempts= --timeout= --temperature= --seed= --num-ctx= --num-predict= --trace= --accept-invalid --ground --json-grounding= --html-report= --chunk-chars= --chunk-overlap= --merge-key= --parallel= --passes= --checks= --workspace= --history= --no-history --help
models   @none  --host= --api= --json --timeout= --help
suite    @dirs  --draft= --optional --metaschemas= --help
batch    @none  --schema= --model= --input= --out= --template= --system= --concurrency= --host= --api= --mode= --attempts= --temperature= --seed= --resume --expected-column= --history= --explode --bom --variant= --json --checks= --workspace= --help
history  @actions --history= --limit= --batch= --json --schema= --run= --help
draft-schema @none --model= --describe= --out= --host= --api= --attempts= --help
'

# The values of an option, by option name (the same option means the same in every command).
# Prints a word list, or @files / @dirs; nothing means a free value.
_formwork_cli_values()
{
    case $1 in
        --mode) echo 'schema json md-json tools' ;;
        --api) echo 'ollama openai' ;;
        --draft) echo '2020-12 7' ;;
        --host) echo "${OLLAMA_HOST:-http://127.0.0.1:11434}" ;;
        --schema | --input | --trace | --out | --template | --history | --json-grounding | --html-report | --checks | --workspace | --source) echo @files ;;
        --metaschemas) echo @dirs ;;
    esac
}

# The actions of a command whose arguments are @actions (history list|show ID|revalidate).
_formwork_cli_actions()
{
    case $1 in
        history) echo 'list show revalidate' ;;
    esac
}

# Prints the table line of a command (name, argument kind, options), nothing for an unknown one.
_formwork_cli_line()
{
    local name rest
    while read -r name rest; do
        [[ -n $name && $name == "$1" ]] && { echo "$rest"; return 0; }
    done <<<"$_formwork_cli_table"
    return 1
}

_formwork_cli_files()
{
    if declare -F _filedir >/dev/null; then
        if [[ $1 == @dirs ]]; then _filedir -d; else _filedir; fi
    else
        local IFS=$'\n'
        if [[ $1 == @dirs ]]; then
            COMPREPLY=($(compgen -d -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
    fi
}

_formwork_cli()
{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi

    if ((cword == 1)); then
        local name rest names=''
        while read -r name rest; do names+=" $name"; done <<<"$_formwork_cli_table"
        COMPREPLY=($(compgen -W "$names --help --version" -- "$cur"))
        return
    fi

    local line
    line=$(_formwork_cli_line "${words[1]}") || return
    local arguments=${line%% *} options=${line#* }

    # The value of an option that takes one: "--mode <TAB>" or "--mode=<TAB>".
    if [[ $prev == --* && " $options " == *" $prev= "* ]]; then
        local values
        values=$(_formwork_cli_values "$prev")
        case $values in
            @files | @dirs) _formwork_cli_files "$values" ;;
            *) COMPREPLY=($(compgen -W "$values" -- "$cur")) ;;
        esac
        return
    fi

    if [[ $cur == -* || $arguments == @none ]]; then
        COMPREPLY=($(compgen -W "${options//=/}" -- "$cur"))
        return
    fi
    if [[ $arguments == @actions ]]; then
        # Only the first argument is an action (the rest, as "show ID", are free).
        local i word
        for ((i = 2; i < cword; i++)); do
            word=${words[i]}
            [[ $word == -* || $word == = || ${words[i - 1]} == = ||
                " $options " == *" ${words[i - 1]}= "* ]] && continue
            return
        done
        COMPREPLY=($(compgen -W "$(_formwork_cli_actions "${words[1]}")" -- "$cur"))
        return
    fi
    _formwork_cli_files "$arguments"
} &&
    complete -F _formwork_cli formwork-cli

# ex: filetype=sh
