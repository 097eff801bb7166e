#!/bin/sh
# make bench: every figure of docs/performance.md in one run, on data made by
# tools/gensample.c (fixed seeds) under build/bench/:
#   the sample month (input/), a busy month ×1, ×16 and ×128 (--projects 160, 1060, 7780:
#   every key-project list 100 + 60·N % as long as the sample's), `bulletin check` on a
#   100 MB projects CSV in UTF-8 and in GB18030 and on a 30 MB projects XML (one working
#   group's list of the ×128 month repeated under new codes), 100 sample bulletins on two cores, and
#   ReportLab (tools/bench_reportlab.py) beside a busy month, interleaved, the memory a
#   page costs (the busy months with the 附表 cap raised: more pages from the same input),
#   and instruction counts (callgrind).
# Each line: wall and CPU per stage (BULLETIN_TIMING=1), MB/s and rows/s of ingest (by
# its CPU time and by wall time), peak RSS, pages, PDF bytes.
# Usage: tools/bench.sh build/bulletin   (from the repository root; `make bench` first
# installs what it needs: tools/deps.sh bench)
set -eu
bin=${1:-build/bulletin}
work=build/bench
data=$work/data
out=$work/out
# Debian's python3, which has python3-reportlab: not a python3 that PATH may put first
# (pyenv, a virtualenv), which has not.
python=/usr/bin/python3
export SOURCE_DATE_EPOCH=1443744000
bench_start=$(date +%s)
mkdir -p "$work"
for tool in /usr/bin/time pdfinfo pdftotext; do
    command -v "$tool" >/dev/null 2>&1 ||
        { echo "bench: $tool is missing; run as root: sh tools/deps.sh bench" >&2; exit 1; }
done
if ! "$python" -c 'import reportlab' 2>/dev/null; then
    echo "bench: $python cannot import reportlab; run as root: sh tools/deps.sh bench" >&2
    exit 1
fi

# ---- data (made again when the generator or this script changed) ----
stamp=$data/.made
if [ ! -f "$stamp" ] || [ tools/gensample.c -nt "$stamp" ] || [ tools/bench.sh -nt "$stamp" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    cc -std=c11 -O2 -Wall -Wextra -Werror -o "$work/gensample" tools/gensample.c
    for n in 1 16 128; do
        "$work/gensample" --projects $((100 + 60 * n)) "$data/busy$n"
        cp input/plan.xml "$data/busy$n/"
    done
    "$work/gensample" --plain "$data/plain"
    "$work/gensample" --plain --projects 7780 "$data/plain128"
    # 100 MB of project rows: one working group's list of the ×128 month, again and again
    # under new codes (one office: every row is accepted);
    # in GB18030 (two bytes a Han character, not three) more rows make the same 100 MB.
    mkdir -p "$data/big/2015-09"
    repeat_csv() {
        awk -v limit="$1" 'FNR == 1 { if (!header) { header = $0; print; size = length($0) + 1 } next }
            { rows[n++] = $0 }
            END { for (r = 1; size < limit; r++) for (i = 0; i < n && size < limit; i++) {
                      line = rows[i]; sub(/^[A-Z][A-Z]2015-/, "&" r "-", line)
                      print line; size += length(line) + 1 } }' "$data/plain128/2015-09/临港物流-项目.csv"
    }
    repeat_csv 104857600 >"$data/big/2015-09/大表-项目.csv"
    repeat_csv 137400000 | iconv -f UTF-8 -t GB18030 >"$data/big/2015-09/大表GB-项目.csv"
    # 30 MB of XML: the ×128 month's 新材料 list likewise.
    xml=$data/plain128/2015-09/新材料-项目.xml
    awk -v limit=31457280 'NR <= 2 { print; size += length($0) + 1; next }
        /^<\/submission>/ { tail = $0; next }
        { body[n++] = $0 }
        END { for (r = 1; size < limit; r++) for (i = 0; i < n; i++) {
                  line = body[i]; sub(/code="XC2015-/, "&" r "-", line)
                  print line; size += length(line) + 1 }
              print tail }' "$xml" >"$data/big/2015-09/大表-项目.xml"
    touch "$stamp"
fi

rm -rf "$out"
mkdir -p "$out"

# ---- one measured run: timing lines and /usr/bin/time into $out/LABEL.* ----
# measure LABEL INPUT-BYTES PDF-OR-- COMMAND...
measure() {
    label=$1 bytes=$2 pdf=$3
    shift 3
    BULLETIN_TIMING=1 /usr/bin/time -f "time %e %U %S %M" -o "$out/$label.time" "$@" \
        >/dev/null 2>"$out/$label.err" || true
    pages=-
    pdf_bytes=-
    if [ "$pdf" != - ] && [ -f "$pdf" ]; then
        pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
        pdf_bytes=$(wc -c <"$pdf")
    fi
    cat "$out/$label.err" "$out/$label.time" | awk -v label="$label" -v bytes="$bytes" \
        -v pages="$pages" -v pdf="$pdf_bytes" '
        $1 == "timing:" && $2 != "total" { wall[$2] = $4; cpu[$2] = $7
            if ($9 ~ /^rows=/) rows = substr($9, 6) }
        $1 == "time" { total = $2; tcpu = $3 + $4; rss = $5 }
        END {
            stages = ""
            n = split("setup ingest aggregate render report write", s, " ")
            for (i = 1; i <= n; i++) if (s[i] in wall)
                stages = stages sprintf(" %s %.3f/%.3f", s[i], wall[s[i]], cpu[s[i]])
            mb = bytes / 1048576
            printf "%-22s %8d rows %7.1f MB  wall %6.3f s cpu %6.3f s  peak %4d MiB  pages %5s  PDF %8s B\n",
                label, rows, mb, total, tcpu, rss / 1024, pages, pdf
            if ("ingest" in wall && cpu["ingest"] > 0)
                printf "%-22s ingest %6.1f MB/s %8.0f rows/s by CPU; %6.1f MB/s by wall\n", "",
                    mb / cpu["ingest"], rows / cpu["ingest"], mb / wall["ingest"]
            printf "%-22s stage wall/cpu s:%s\n", "", stages
        }'
}

input_bytes() { du -sb --exclude=plan.xml "$1" | awk '{ print $1 }'; }

run_month() { # LABEL INPUT
    measure "$1" "$(input_bytes "$2")" "$out/$1/2015-09/bulletin-2015-09.pdf" \
        "$bin" run --period 2015-09 --input "$2" --output "$out/$1"
}

echo "bench: $(uname -m), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(date -u '+%Y-%m-%d %H:%M UTC')"
"$bin" run --period 2015-09 --output "$out/warm" >/dev/null 2>&1 || true

run_month sample input
for n in 1 16 128; do
    run_month "busy-x$n" "$data/busy$n"
done
for f in 大表-项目.csv 大表GB-项目.csv 大表-项目.xml; do
    case $f in *GB*) label=check-csv-gb18030 ;; *csv) label=check-csv-utf8 ;; *) label=check-xml ;; esac
    measure "$label" "$(wc -c <"$data/big/2015-09/$f")" - \
        "$bin" check --plan input/plan.xml "$data/big/2015-09/$f"
done

# ---- 100 sample bulletins, two at a time ----
start=$(date +%s%N)
/usr/bin/time -f "%U %S %M" -o "$out/many.time" sh -c '
    seq 1 100 | xargs -P 2 -I{} "$0" run --period 2015-09 --output "$1/many/{}" >/dev/null 2>&1' \
    "$bin" "$out" || true
end=$(date +%s%N)
made=$(ls "$out"/many/*/2015-09/bulletin-2015-09.pdf 2>/dev/null | wc -l)
awk -v ns=$((end - start)) -v made="$made" 'END { printf "100 sample bulletins, 2 at a time: %d made, wall %.2f s, cpu %.2f s\n", made, ns / 1e9, $1 + $2 }' "$out/many.time"

# ---- ReportLab beside a busy month (×1), interleaved, medians of 5 (wall and CPU); and the
# same month with every deflate stream stored (tools/deflate_stored.c): what a run would
# cost if compression were free ----
cc -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC -o "$work/deflate_stored.so" \
    tools/deflate_stored.c -ldl
# ten_runs FILE OUTPUT [PRELOAD]: "wall user system" of one busy-month run, the mean of ten
# in a row (/usr/bin/time counts hundredths: one run of 0.05 s would be ±20 %)
ten_runs() {
    LD_PRELOAD=${3:-} /usr/bin/time -f "%e %U %S" -o "$1.ten" sh -c '
        for i in 1 2 3 4 5 6 7 8 9 10; do
            "$0" run --period 2015-09 --input "$1" --output "$2" >/dev/null 2>&1
        done' "$bin" "$data/busy1" "$2" || true
    awk '{ printf "%.4f %.4f %.4f\n", $1 / 10, $2 / 10, $3 / 10 }' "$1.ten" >"$1"
}
rounds=5
: >"$out/pair.times"
i=0
while [ $i -lt $rounds ]; do
    ten_runs "$out/pair.b" "$out/pair"
    /usr/bin/time -f "%e %U %S" -o "$out/pair.r" \
        "$python" tools/bench_reportlab.py "$data/plain/2015-09" "$out/reportlab.pdf"
    ten_runs "$out/pair.s" "$out/stored" "$PWD/$work/deflate_stored.so"
    echo "$(tail -1 "$out/pair.b") $(tail -1 "$out/pair.r") $(tail -1 "$out/pair.s")" >>"$out/pair.times"
    i=$((i + 1))
done
median() { awk -v c="$1" '{ print $c }' "$out/pair.times" | sort -n | awk 'NR == 3'; }
awk '{ print $2 + $3, $5 + $6, $8 + $9 }' "$out/pair.times" >"$out/pair.cpu"
b_wall=$(median 1)
r_wall=$(median 4)
b_cpu=$(awk '{ print $1 }' "$out/pair.cpu" | sort -n | awk 'NR == 3')
r_cpu=$(awk '{ print $2 }' "$out/pair.cpu" | sort -n | awk 'NR == 3')
s_wall=$(median 7)
s_cpu=$(awk '{ print $3 }' "$out/pair.cpu" | sort -n | awk 'NR == 3')
rl_pages=$(pdfinfo "$out/reportlab.pdf" | awk '/^Pages:/ { print $2 }')
rl_han=$(pdftotext "$out/reportlab.pdf" - | "$python" -c 'import sys; print(sum("\u4e00" <= c <= "\u9fff" for c in sys.stdin.read()))')
rl_fonts=$(pdffonts "$out/reportlab.pdf" | awk 'NR > 2 && $(NF-4) == "yes"' | wc -l)
bu_pages=$(pdfinfo "$out/pair/2015-09/bulletin-2015-09.pdf" | awk '/^Pages:/ { print $2 }')
bu_bytes=$(wc -c <"$out/pair/2015-09/bulletin-2015-09.pdf")
awk -v bw="$b_wall" -v rw="$r_wall" -v bc="$b_cpu" -v rc="$r_cpu" -v rp="$rl_pages" -v rh="$rl_han" \
    -v rf="$rl_fonts" -v bp="$bu_pages" -v bb="$bu_bytes" -v rb="$(wc -c <"$out/reportlab.pdf")" -v sw="$s_wall" -v sc="$s_cpu" \
    -v sb="$(wc -c <"$out/stored/2015-09/bulletin-2015-09.pdf")" 'BEGIN {
    printf "ReportLab, %d pages, %d Han characters, %d embedded subsets (2 fonts), %d B: wall %.2f s, cpu %.2f s (medians of 5)\n", rp, rh, rf, rb, rw, rc
    printf "busy month ×1 whole run, %d pages, %d B: wall %.3f s, cpu %.3f s (medians of 5 rounds of 10 runs, interleaved)\n", bp, bb, bw, bc
    printf "bulletin is %.1f× faster by wall, %.1f× by CPU\n", rw / bw, rc / bc
    printf "the same run with zlib storing, not compressing (a floor, %d B PDF): wall %.3f s, cpu %.3f s; %.1f× by wall, %.1f× by CPU\n", sb, sw, sc, rw / sw, rc / sc
}'

# ---- memory a page costs: the busy months again with the 附表 cap raised in a copy of the
# templates (BULLETIN_DATADIR), so that the same input makes more pages ----
datadir_with_limit() { # LIMIT: a data folder whose monthly 附表 lists up to LIMIT rows
    dir=$work/datadir-$1
    if [ ! -f "$dir/.made" ] || [ templates/monthly.xml -nt "$dir/.made" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        cp -r templates "$dir/"
        ln -s "$PWD/schemas" "$dir/schemas"
        ln -s "$PWD/fonts" "$dir/fonts"
        sed -i "s/continued=\"续表\" limit=\"500\"/continued=\"续表\" limit=\"$1\"/" \
            "$dir/templates/monthly.xml"
        grep -q "limit=\"$1\"" "$dir/templates/monthly.xml" ||
            { echo "bench: templates/monthly.xml has no 附表 limit=\"500\" to raise" >&2; exit 1; }
        touch "$dir/.made"
    fi
    echo "$dir"
}
page_memory() { # LABEL INPUT LIMIT LIMIT...
    label=$1 input=$2
    shift 2
    for limit in "$@"; do
        dir=$(datadir_with_limit "$limit")
        BULLETIN_DATADIR=$dir /usr/bin/time -f %M -o "$out/pm.time" "$bin" run --period 2015-09 \
            --input "$input" --output "$out/pm-$label-$limit" >/dev/null 2>&1 || true
        echo "$limit $(pdfinfo "$out/pm-$label-$limit/2015-09/bulletin-2015-09.pdf" |
            awk '/^Pages:/ { print $2 }') $(tail -1 "$out/pm.time")"
    done | awk -v label="$label" '{
        printf "%s", (NR == 1 ? sprintf("memory a page, %s (附表 cap: pages, peak RSS):", label) : ";")
        printf " %d rows: %d pages, %.1f MiB", $1, $2, $3 / 1024
        if (NR > 1 && $2 > pages) per = ($3 - rss) / ($2 - pages)
        pages = $2; rss = $3 }
        END { printf "; %.1f KiB a page between the last two\n", per }'
}
page_memory busy-x16 "$data/busy16" 500 2000
page_memory busy-x128 "$data/busy128" 500 5000 12000

# ---- instructions (load-independent) ----
if command -v valgrind >/dev/null 2>&1; then
    for label in sample busy-x16; do
        case $label in sample) in=input ;; *) in=$data/busy16 ;; esac
        valgrind --tool=callgrind --callgrind-out-file="$out/$label.callgrind" "$bin" run \
            --period 2015-09 --input "$in" --output "$out/cg-$label" >/dev/null 2>"$out/$label.cg"  || true
        awk -v label="$label" '/Collected/ { printf "instructions (callgrind), %s: %s\n", label, $4 }' "$out/$label.cg"
    done
fi
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at end; $(($(date +%s) - bench_start)) s in all"
