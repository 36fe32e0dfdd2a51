#!/usr/bin/env bash
# Regenerate the pictures of the docs from what kh writes today, as LibreOffice prints it:
#   docs/report-2021-page1.png   page 1 of `kh report 2021 -f docx` (as of 10/01/2022, signer given)
#   docs/report-2021-last-page.png  its last page: the charts, "Nơi nhận" and the signature
#   docs/letter-page1.png        page 1 of the letter to Vụ GDĐH (`kh remind`, 10/01/2022)
#   docs/letter-annex-page.png   the first page of the annex of the letter to the 34 Sở GDĐT (04/12/2026)
# Needs kh with its charts (pip install ".[charts]"), LibreOffice (soffice) and poppler (pdftoppm).
# Usage: bash docs/images.sh [KH]   (KH: the kh to run; default: kh on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
kh=${1:-kh}
for tool in soffice pdftoppm; do
    command -v "$tool" > /dev/null || { echo "docs/images.sh needs $tool" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KH_DATA="$PWD/data" KH_LANG=vi

"$kh" report 2021 -f docx -o "$work/report.docx" --today 10/01/2022 \
    --number "15/BC-GDTX" --signer "Nguyễn Văn A" --signer-title "Vụ trưởng"
"$kh" remind --unit vu-gddh -o "$work/vu-gddh" --today 10/01/2022 --reply-by 25/01/2022 > /dev/null
"$kh" remind --unit so-gddt -o "$work/so-gddt" --today 04/12/2026 > /dev/null

page() {  # page() DOCX PAGE OUT: one page of DOCX as LibreOffice prints it, 80 dpi
    soffice --headless --convert-to pdf --outdir "$work" "$1" > /dev/null 2>&1
    pdftoppm -png -r 80 -f "$2" -l "$2" -singlefile "$work/$(basename "${1%.docx}").pdf" "${3%.png}"
}
page "$work/report.docx" 1 docs/report-2021-page1.png
last=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/{print $2}')
pdftoppm -png -r 80 -f "$last" -l "$last" -singlefile "$work/report.pdf" docs/report-2021-last-page
page "$work"/vu-gddh/*.docx 1 docs/letter-page1.png
letter=("$work"/so-gddt/*.docx)
soffice --headless --convert-to pdf --outdir "$work" "${letter[0]}" > /dev/null 2>&1
pdf="$work/$(basename "${letter[0]%.docx}").pdf"
# the annex starts on the page that says "Phụ lục"
annex=$(for n in $(seq 1 "$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')"); do
    pdftotext -f "$n" -l "$n" "$pdf" - | grep -q "PHỤ LỤC\|Phụ lục" && { echo "$n"; break; }
done)
pdftoppm -png -r 80 -f "${annex:-2}" -l "${annex:-2}" -singlefile "$pdf" docs/letter-annex-page
echo "docs/report-2021-page1.png docs/report-2021-last-page.png (page $last) docs/letter-page1.png docs/letter-annex-page.png (annex: page ${annex:-2})"
