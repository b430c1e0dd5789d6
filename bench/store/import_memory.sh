#!/usr/bin/env bash
# Peak memory of a large observations import (issue 10, F8: imports stream their rows).
#   bench/store/import_memory.sh BIN [ROWS] [WORKDIR] [csv|json]
# Writes ROWS (default 2,000,000) observation rows over 2,000 territories x 20 indicators x 50
# years, imports them into a fresh database under /usr/bin/time -v and prints the peak resident
# size, then imports the same file with one bad row at the end and checks nothing was written.
# With `json` the observations are a JSON array of objects instead of CSV.
# Fails when the peak exceeds 300 MB. Not run by ctest (it takes a while); see README.md.
set -euo pipefail
bin=$(realpath "$1")
rows=${2:-2000000}
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/duckweed-import-bench.XXXXXX")}
format=${4:-csv}
obs="$work/observations.$format"
mkdir -p "$work"
db="$work/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
territories=2000 indicators=20 years=$(( (rows + territories * indicators - 1) / (territories * indicators) ))

python3 - "$work" "$rows" "$territories" "$indicators" "$years" "$format" <<'PY'
import json, sys
work, rows, nt, ni, ny = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
fmt = sys.argv[6]
with open(f"{work}/territories.csv", "w") as f:
    f.write("id,name,kind\n")
    for t in range(nt):
        f.write(f"case:t{t},Town {t},commune\n")
with open(f"{work}/indicators.csv", "w") as f:
    f.write("id,name,unit\n")
    for i in range(ni):
        f.write(f"ind{i},Indicator {i},unit\n")
with open(f"{work}/observations.{fmt}", "w") as f:
    f.write("territory,indicator,year,kind,value,source,note\n" if fmt == "csv" else "[\n")
    n = 0
    for t in range(nt):
        for i in range(ni):
            for y in range(ny):
                if n == rows:
                    break
                value = (t * 31 + i * 7 + y) % 1000 / 10
                if fmt == "csv":
                    f.write(f"case:t{t},ind{i},{1970 + y},result,{value},"
                            f"https://example.org/source/{t},\n")
                else:
                    f.write(("" if n == 0 else ",\n") + json.dumps(
                        {"territory": f"case:t{t}", "indicator": f"ind{i}", "year": 1970 + y,
                         "kind": "result", "value": value,
                         "source": f"https://example.org/source/{t}"}))
                n += 1
    if fmt == "json":
        f.write("\n]\n")
PY
"$bin" --db "$db" import territories "$work/territories.csv" >/dev/null
"$bin" --db "$db" import indicators "$work/indicators.csv" >/dev/null
size=$(du -m "$obs" | cut -f1)

/usr/bin/time -v "$bin" --db "$db" import observations "$obs" \
  2>"$work/time.txt" >"$work/import.txt"
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
count=$("$bin" --db "$db" --json init | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["observations"])')
echo "import of $rows rows ($size MB $format): peak RSS $((peak_kb / 1024)) MB, wall $wall, $count observations stored"

# All-or-nothing: the same rows again (values changed) plus one bad row at the end write nothing.
bad="$work/bad.$format"
if [[ $format == csv ]]; then
  sed 's/,result,/,target,/' "$obs" >"$bad"
  echo "case:t0,ind0,1970,result,not-a-number,," >>"$bad"
else
  sed 's/"result"/"target"/; $d' "$obs" >"$bad"
  printf ',\n{"territory": "case:t0", "indicator": "ind0", "year": 1970, "kind": "result", "value": "not-a-number"}\n]\n' >>"$bad"
fi
before=$(sha256sum "$db" | cut -d' ' -f1)
if "$bin" --db "$db" import observations "$bad" 2>"$work/bad.txt" >/dev/null; then
  echo "FAIL: the bad file was accepted"; exit 1
fi
after=$(sha256sum "$db" | cut -d' ' -f1)
count2=$("$bin" --db "$db" --json init | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["observations"])')
echo "bad file: $(head -1 "$work/bad.txt"); observations still $count2; db file unchanged: $([ "$before" = "$after" ] && echo yes || echo NO)"
[ "$count2" = "$count" ] || { echo "FAIL: the bad file wrote rows"; exit 1; }
[ $((peak_kb / 1024)) -lt 300 ] || { echo "FAIL: peak above 300 MB"; exit 1; }
