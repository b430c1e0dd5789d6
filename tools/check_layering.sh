#!/usr/bin/env bash
# Fails when a module includes a header of a module that is not below it in DESIGN.md's table.
# Public headers live in include/duckweed/<module>/, sources in src/<module>/.
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
declare -A allowed=(
  [core]="core"
  [store]="store core"
  [qca]="qca core"
  [network]="network core"
  [diffusion]="diffusion network core"
  [dynamics]="dynamics core"
  [evaluate]="evaluate store qca core"
  [report]="report core"
  [server]="server evaluate report dynamics diffusion network qca store core"
  [cli]="cli server evaluate report dynamics diffusion network qca store core"
)
bad=0
for module in "${!allowed[@]}"; do
  for dir in "$root/include/duckweed/$module" "$root/src/$module"; do
    [ -d "$dir" ] || continue
    while IFS=: read -r file line text; do
      used=$(sed -E 's/.*#include *"duckweed\/([a-z_]+)\/.*/\1/' <<<"$text")
      case " ${allowed[$module]} " in
        *" $used "*) ;;
        *) echo "$file:$line: module '$module' includes a header of '$used', which is not below it"
           bad=1 ;;
      esac
    done < <(grep -rnE '^#include *"duckweed/[a-z_]+/' "$dir" --include='*.h' --include='*.cc' || true)
  done
done
[ $bad -eq 0 ] && echo "layering ok"
exit $bad
