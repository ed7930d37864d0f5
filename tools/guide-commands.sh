#!/usr/bin/env bash
# Run every command listed in section 7 of docs/zh/用户指南.md, verbatim, in a scratch folder set
# up as the guide describes (申报材料 = copies of the samples, 旧格式申报表.xls = an Excel 97-2003
# file from ../shared/corpus/foreign, 旧版申报材料 = it and sample 01 saved as .xls). Each command
# must exit 0 or 1 and print no traceback. Needs clusterctl on PATH; the soffice commands are
# skipped (and said so) without LibreOffice. Usage: tools/guide-commands.sh [-v]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
guide="$root/docs/zh/用户指南.md"
xls="$root/../shared/corpus/foreign/date.xls"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
cp -r "$root/sample_data" . && mkdir 申报材料 旧版申报材料 && cp sample_data/*.xlsx 申报材料/
have_soffice=$(command -v soffice >/dev/null && echo 1 || echo 0)
if [ -f "$xls" ]; then
  cp "$xls" 旧格式申报表.xls && cp "$xls" 旧版申报材料/旧格式申报表.xls
  chmod u+w 旧格式申报表.xls 旧版申报材料/旧格式申报表.xls
fi
if [ "$have_soffice" = 1 ]; then
  cp sample_data/01-eligible-beijing.xlsx 大兴申报表.xlsx
  soffice --headless --convert-to xls --outdir 旧版申报材料 大兴申报表.xlsx >/dev/null 2>&1
  rm 大兴申报表.xlsx
fi

failed=0
while IFS= read -r cmd; do
  case "$cmd" in
    soffice*) [ "$have_soffice" = 1 ] || { echo "SKIP (no LibreOffice)  $cmd"; continue; } ;;
    python\ tools/offline-bundle.py*) cmd="cd '$root' && $cmd --out '$work/bundle'" ;;
  esac
  (eval "$cmd") >out.txt 2>&1
  rc=$?
  if [ "$rc" -gt 1 ] || grep -q "Traceback" out.txt; then
    echo "FAIL rc=$rc  $cmd"
    sed 's/^/    /' out.txt | tail -n 20
    failed=1
  else
    echo "ok   rc=$rc  $cmd"
    [ "${1:-}" = "-v" ] && sed 's/^/    /' out.txt | tail -n 5
  fi
done < <(sed -n '/^## 7\./,$p' "$guide" | sed -n '/^```text/,/^```/p' | sed '1d;$d')
exit "$failed"
