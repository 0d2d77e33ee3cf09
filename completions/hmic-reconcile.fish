function __hmic-reconcile_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __hmic-reconcile_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __hmic-reconcile_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __hmic-reconcile_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __hmic-reconcile_parse_tokens -S
    set -l unparsed_tokens (__hmic-reconcile_tokens -pc)
    switch $unparsed_tokens[1]
    case 'hmic-reconcile'
        __hmic-reconcile_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'reconcile'
            __hmic-reconcile_parse_subcommand 0 'register=' 'portal=' 'output=' 'output-dir=' 'register-sheet=+' 'portal-sheet=' 'force=' 'as-of=' 'previous=' 'previous-of-another-force' 'json=' 'updates=+' 'fail-on=' 'profile=' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'requests'
            __hmic-reconcile_parse_subcommand 0 'register=' 'portal=' 'force=' 'as-of=' 'output-dir=' 'lead=' 'previous=' 'register-sheet=+' 'portal-sheet=' 'profile=' 'q/quiet' 'v/verbose' 'version' 'h/help'
        case 'inspect'
            __hmic-reconcile_parse_subcommand 1 'sheet=' 'side=' 'profile=' 'version' 'h/help'
        case 'dump'
            __hmic-reconcile_parse_subcommand 1 'sheet=' 'format=' 'version' 'h/help'
        case 'profile'
            __hmic-reconcile_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __hmic-reconcile_parse_subcommand 0 'version' 'h/help'
            case 'check'
                __hmic-reconcile_parse_subcommand 1 'version' 'h/help'
            end
        case 'help'
            __hmic-reconcile_parse_subcommand -r 1 'version'
        end
    end
end

function __hmic-reconcile_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __hmic-reconcile_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __hmic-reconcile_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __hmic-reconcile_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__hmic-reconcile_tokens -p)
    if test -z "$(__hmic-reconcile_tokens -t)"
        set -l index (count (__hmic-reconcile_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'hmic-reconcile' -f
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile" -eq 1' -fa 'reconcile' -d 'Reconcile the register with the portal export and write the board\'s workbook.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile" -eq 1' -fa 'requests' -d 'Write an update form for each delivery lead, listing their live items.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile" -eq 1' -fa 'inspect' -d 'Show the sheets read or left out, header rows, column mapping, rows that are not records and spellings.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile" -eq 1' -fa 'dump' -d 'Print a file\'s cells exactly as read, as JSON or CSV.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile" -eq 1' -fa 'profile' -d 'Write or check a profile file.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" register' -l 'register' -d 'The force\'s register (CSV, XLSX or Excel 2003 XML).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" portal' -l 'portal' -d 'The HMICFRS monitoring-portal export.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" output' -l 'output' -d 'Where to write the workbook (.xlsx).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" output-dir' -l 'output-dir' -d 'A folder to write reconciliation-YYYY-MM-DD.xlsx into, named after the as-of date.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile"' -l 'register-sheet' -d 'A sheet of the register; repeat it for a register kept on several sheets (default: every visible sheet whose header row names the register\'s columns).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" portal-sheet' -l 'portal-sheet' -d 'The portal export\'s sheet.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" force' -l 'force' -d 'Keep this force\'s rows of a national portal export.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" as-of' -l 'as-of' -d 'The date the figures are as at (default: today).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" previous' -l 'previous' -d 'The workbook of an earlier run: carries the board\'s columns and the history forward.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" previous-of-another-force' -l 'previous-of-another-force' -d 'Accept a --previous workbook whose Run sheet names another force than this run\'s (refused otherwise).'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" json' -l 'json' -d 'Also write the JSON result to this file, or to standard output with -.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile"' -l 'updates' -d 'Returned update forms from \'requests\', as files or folders: adds the Updates and Closure candidates sheets.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" fail-on' -l 'fail-on' -d 'Exit with status 1 when a discrepancy at or above this severity is found: high, medium, low, info or never.' -rfka 'high medium low info never'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" profile' -l 'profile' -d 'A YAML profile adding header names, spellings and group rules (see \'profile init\').' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" q quiet' -s 'q' -l 'quiet' -d 'Print errors only.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" v verbose' -s 'v' -l 'verbose' -d 'Also print what was read and matched.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile reconcile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" register' -l 'register' -d 'The force\'s register (CSV, XLSX or Excel 2003 XML).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" portal' -l 'portal' -d 'The portal export, to show each item\'s portal status.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" force' -l 'force' -d 'Keep this force\'s rows of a national portal export.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" as-of' -l 'as-of' -d 'The date the forms are as at (default: today).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" output-dir' -l 'output-dir' -d 'The folder to write the forms into.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" lead' -l 'lead' -d 'Write only this lead\'s form.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" previous' -l 'previous' -d 'The board\'s workbook of the last round: each item\'s last update and the board\'s decision.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests"' -l 'register-sheet' -d 'A sheet of the register; repeat it for a register kept on several sheets (default: every visible sheet whose header row names the register\'s columns).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" portal-sheet' -l 'portal-sheet' -d 'The portal export\'s sheet.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" profile' -l 'profile' -d 'A YAML profile adding header names, spellings and group rules (see \'profile init\').' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" q quiet' -s 'q' -l 'quiet' -d 'Print errors only.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" v verbose' -s 'v' -l 'verbose' -d 'Also print what was read and matched.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile requests" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile inspect" sheet' -l 'sheet' -d 'The sheet to inspect (default: the one reconcile would choose).' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile inspect" side' -l 'side' -d 'Read the file as the register or the portal export (default: whichever its headers fit best).' -rfka 'register portal'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile inspect" profile' -l 'profile' -d 'A YAML profile adding header names, spellings and group rules (see \'profile init\').' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile inspect" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile dump" sheet' -l 'sheet' -d 'Only this sheet.' -rfka ''
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile dump" format' -l 'format' -d 'json or csv.' -rfka 'json csv'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile dump" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile dump" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile profile" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile profile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile profile" -eq 1' -fa 'init' -d 'Print a commented profile holding every default.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_positional "hmic-reconcile profile" -eq 1' -fa 'check' -d 'Check a profile file and report its first mistake with its line.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile profile init" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile profile init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile profile check" version' -l 'version' -d 'Show the version.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile profile check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hmic-reconcile' -n '__hmic-reconcile_should_offer_completions_for_flags_or_options "hmic-reconcile help" version' -l 'version' -d 'Show the version.'
