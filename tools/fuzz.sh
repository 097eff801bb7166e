#!/bin/sh
# fuzz.sh: runs the libFuzzer harnesses that `make fuzz` built into build/fuzz/, each for
# FUZZ_SECONDS, from the repository root.  Seeds come from the fixtures of the tests and
# the sample input; what a harness finds is left as build/fuzz/crash-* (leak-*, …).
#   sh tools/fuzz.sh build/fuzz 60
set -eu
out=$1
seconds=$2

seed() { # seed NAME FILE...: copies the files (by content hash) into build/fuzz/seed/NAME
    dir=$out/seed/$1
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"
    done
}

seed csv $(find tests/data/ingest input/2015-09 -type f \( -name '*.csv' -o -name '*.txt' -o -name '*.tsv' \))
seed xml $(find tests/data/ingest input/2015-09 -type f -name '*.xml')
seed xls $(find tests/data/workbooks input/2015-09 -type f -name '*.xls')
seed xlsx $(find tests/data/workbooks input/2015-09 -type f -name '*.xlsx')
# xlsxparts: the parts of two fixtures cut at "#~#\n" (see tests/fuzz/fuzz_xlsxparts.c)
seed xlsxparts tests/fuzz/corpus/xlsxparts/*
seed plan input/plan.xml tests/data/plan/*.xml
# folder: the sample's 2015-09 reports joined as one input, each part led by its choice
# byte (folder 2015-09; .csv, or .xml for the XML reports)
mkdir -p "$out/seed/folder"
joined=$out/seed/folder/sample-2015-09
: >"$joined"
for f in input/2015-09/*; do
    case $f in *.xml) printf '\011' ;; *.xls|*.xlsx) continue ;; *) printf '\001' ;; esac >>"$joined"
    cat "$f" >>"$joined"
    printf '#~#\n' >>"$joined"
done
mkdir -p "$out/seed/values"
for text in '1,234.5' '１２３万元' '1.2E+05' '35.2%' '2015年第三季度' '2015/9/30 0:00' \
            '2015年1-9月' '已投产' '优秀' '√' '—' "'123" '12345678901234567890'; do
    printf '\001%s' "$text" >"$out/seed/values/$(printf %s "$text" | sha1sum | cut -c1-16)"
done

status=0
for name in csv xml xls xlsx xlsxparts values plan folder; do
    mkdir -p "$out/corpus/$name"
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
    echo "fuzz_$name: $seconds s"
    "$out/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 $dict \
        -artifact_prefix="$out/" "$out/corpus/$name" "$out/seed/$name" || status=1
done
exit $status
