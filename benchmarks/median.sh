#!/usr/bin/env bash
# Helpers for the side-by-side benchmarks: run a command REPEAT times and
# keep the line whose rate field is the median.
#
#   median_line FIELD COMMAND...   prints the run with the median FIELD value

REPEAT=${REPEAT:-3}

median_line() {
    local field=$1; shift
    local lines=() i
    for ((i = 0; i < REPEAT; i++)); do lines+=("$("$@")"); done
    printf '%s\n' "${lines[@]}" | awk -v f="$field" '{
        for (i = 1; i <= NF; i++) if (index($i, f "=") == 1) v = substr($i, length(f) + 2)
        print v "\t" $0
    }' | sort -g | awk -v n="$REPEAT" 'NR == int((n + 1) / 2) { sub(/^[^\t]*\t/, ""); print }'
}
