#!/bin/sh
# make docs: renders the sample bulletin and keeps one small page image per section in
# docs/ (the page where the section's heading is), for the README.
# Usage: tools/docs.sh build/bulletin
set -eu
bin=${1:-build/bulletin}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" run --period 2015-09 --now 2015-10-02 --output "$out" 2>/dev/null || [ $? -eq 3 ]
pdf="$out/2015-09/bulletin-2015-09.pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
mkdir -p docs
rm -f docs/page-*.png
kept=" "
keep() { # keep NAME PAGE, unless that page is kept already
    case "$kept" in *" $2 "*) return ;; esac
    kept="$kept$2 "
    pdftoppm -r 48 -f "$2" -l "$2" -png "$pdf" "$out/p"
    mv "$out"/p-*.png "docs/page-$1.png"
}
find_page() { # the first page whose text has the heading
    p=1
    while [ "$p" -le "$pages" ]; do
        if pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n' | grep -q "$1"; then echo "$p"; return; fi
        p=$((p + 1))
    done
    echo 1
}
keep 1-overview 1
keep 2-industries "$(find_page 二、分产业完成情况)"
keep 3-charts "$(find_page 各产业完成年度目标情况)"
keep 4-projects "$(find_page 三、重点项目)"
keep 5-scores "$(find_page 四、镇街考核得分)"
keep 6-submissions "$(find_page 五、报送情况)"
keep 7-project-table "$(( $(find_page 附表：重点项目实施情况一览) + 1 ))"
keep 8-colophon "$pages"
ls -l docs/page-*.png
