#!/bin/sh
# make bench: times a month's run on the sample data and prints the figures.
# Usage: tools/bench.sh build/bulletin
set -eu
bin=${1:-build/bulletin}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs=10
export SOURCE_DATE_EPOCH=1443744000
"$bin" run --period 2015-09 --output "$out" >/dev/null 2>&1 || true
start=$(date +%s%N)
i=0
while [ $i -lt $runs ]; do
    "$bin" run --period 2015-09 --output "$out" >/dev/null 2>&1 || true
    i=$((i + 1))
done
end=$(date +%s%N)
echo "monthly run (2015-09, sample input): $(( (end - start) / runs / 1000000 )) ms per run, mean of $runs"
ls -l "$out"/2015-09 | awk 'NR > 1 { printf "  %-24s %8d bytes\n", $9, $5 }'
if command -v valgrind >/dev/null 2>&1; then
    valgrind --tool=none --trace-children=no -q true 2>/dev/null || true
    instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" run --period 2015-09 \
        --output "$out" 2>&1 >/dev/null | awk '/Collected/ { print $4 }')
    [ -n "$instructions" ] && echo "instructions (callgrind): $instructions"
fi
exit 0
