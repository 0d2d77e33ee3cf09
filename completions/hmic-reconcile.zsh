#compdef hmic-reconcile

__hmic-reconcile_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__hmic-reconcile_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __hmic-reconcile_complete "${completions[@]:0:-1}"
    fi
}

__hmic-reconcile_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_hmic-reconcile() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'reconcile:Reconcile the register with the portal export and write the board'\''s workbook.'
            'requests:Write an update form for each delivery lead, listing their live items.'
            'inspect:Show the sheets read or left out, header rows, column mapping, rows that are not records and spellings.'
            'dump:Print a file'\''s cells exactly as read, as JSON or CSV.'
            'profile:Write or check a profile file.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        reconcile|requests|inspect|dump|profile|help)
            "_hmic-reconcile_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_hmic-reconcile_reconcile() {
    local -i ret=1
    local -ar ___fail_on=('high' 'medium' 'low' 'info' 'never')
    local -ar arg_specs=(
        '--register[The force'\''s register (CSV, XLSX or Excel 2003 XML).]:file:'
        '--portal[The HMICFRS monitoring-portal export.]:file:'
        '--output[Where to write the workbook (.xlsx).]:file.xlsx:'
        '--output-dir[A folder to write reconciliation-YYYY-MM-DD.xlsx into, named after the as-of date.]:dir:'
        '*--register-sheet[A sheet of the register; repeat it for a register kept on several sheets (default\: every visible sheet whose header row names the register'\''s columns).]:name:'
        '--portal-sheet[The portal export'\''s sheet.]:name:'
        '--force[Keep this force'\''s rows of a national portal export.]:name:'
        '--as-of[The date the figures are as at (default\: today).]:YYYY-MM-DD:'
        '--previous[The workbook of an earlier run\: carries the board'\''s columns and the history forward.]:file.xlsx:'
        '--previous-of-another-force[Accept a --previous workbook whose Run sheet names another force than this run'\''s (refused otherwise).]'
        '--json[Also write the JSON result to this file, or to standard output with -.]:file|-:'
        '--updates[Returned update forms from '\''requests'\'', as files or folders\: adds the Updates and Closure candidates sheets.]:dir|file:'
        '--fail-on[Exit with status 1 when a discrepancy at or above this severity is found\: high, medium, low, info or never.]:severity:{__hmic-reconcile_complete "${___fail_on[@]}"}'
        '--profile[A YAML profile adding header names, spellings and group rules (see '\''profile init'\'').]:file:'
        '(-q --quiet)'{-q,--quiet}'[Print errors only.]'
        '(-v --verbose)'{-v,--verbose}'[Also print what was read and matched.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hmic-reconcile_requests() {
    local -i ret=1
    local -ar arg_specs=(
        '--register[The force'\''s register (CSV, XLSX or Excel 2003 XML).]:file:'
        '--portal[The portal export, to show each item'\''s portal status.]:file:'
        '--force[Keep this force'\''s rows of a national portal export.]:name:'
        '--as-of[The date the forms are as at (default\: today).]:YYYY-MM-DD:'
        '--output-dir[The folder to write the forms into.]:dir:'
        '--lead[Write only this lead'\''s form.]:name:'
        '--previous[The board'\''s workbook of the last round\: each item'\''s last update and the board'\''s decision.]:file.xlsx:'
        '*--register-sheet[A sheet of the register; repeat it for a register kept on several sheets (default\: every visible sheet whose header row names the register'\''s columns).]:name:'
        '--portal-sheet[The portal export'\''s sheet.]:name:'
        '--profile[A YAML profile adding header names, spellings and group rules (see '\''profile init'\'').]:file:'
        '(-q --quiet)'{-q,--quiet}'[Print errors only.]'
        '(-v --verbose)'{-v,--verbose}'[Also print what was read and matched.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hmic-reconcile_inspect() {
    local -i ret=1
    local -ar ___side=('register' 'portal')
    local -ar arg_specs=(
        ':file:'
        '--sheet[The sheet to inspect (default\: the one reconcile would choose).]:name:'
        '--side[Read the file as the register or the portal export (default\: whichever its headers fit best).]:side:{__hmic-reconcile_complete "${___side[@]}"}'
        '--profile[A YAML profile adding header names, spellings and group rules (see '\''profile init'\'').]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hmic-reconcile_dump() {
    local -i ret=1
    local -ar ___format=('json' 'csv')
    local -ar arg_specs=(
        ':file:'
        '--sheet[Only this sheet.]:name:'
        '--format[json or csv.]:format:{__hmic-reconcile_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hmic-reconcile_profile() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Print a commented profile holding every default.'
            'check:Check a profile file and report its first mistake with its line.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|check)
            "_hmic-reconcile_profile_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_hmic-reconcile_profile_init() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hmic-reconcile_profile_check() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hmic-reconcile_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _hmic-reconcile ]]; then
    _hmic-reconcile "${@}"
else
    compdef _hmic-reconcile hmic-reconcile
fi
