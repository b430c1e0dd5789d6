#!/usr/bin/env bash
# Fails when a module includes a header of a module that is not below it.
#
# The rule is stated once, in the build: the modules are the list of the top-level CMakeLists.txt
# (`foreach(module ...)`), and what a module may include is what its src/<module>/CMakeLists.txt
# links (DEPS of duckweed_add_module, duckweed_* targets of target_link_libraries), transitively.
# Public headers live in include/duckweed/<module>/, sources and private headers in src/<module>/.
#
# Checked, in every .h/.cc under include/duckweed/ and src/:
#   - `#include "duckweed/M/..."` and `#include <duckweed/M/...>` (any spacing, indented or not)
#     where M is not the module itself nor below it;
#   - `#include "M/..."` (or <M/...>) of another module's private header (src/M/), whatever M;
#   - a folder under src/ or include/duckweed/ that is not a listed module.
# Usage: check_layering.sh [ROOT]   (exit 0: "layering ok"; exit 1: one line per violation)
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}

modules=$(sed -nE 's/^[[:space:]]*foreach\(module ([a-z_ ]+)\).*/\1/p' "$root/CMakeLists.txt" | head -1)
if [ -z "$modules" ]; then
  echo "$root/CMakeLists.txt: no 'foreach(module ...)' list of modules" >&2
  exit 1
fi
declare -A is_module=() direct=() allowed=()
for m in $modules; do is_module[$m]=1; done

# The module a CMake word names: `store`, `duckweed_store`, `duckweed_diffusion_mpi` (-> diffusion,
# the longest listed module it starts with); empty when none.
module_of() {
  local word=${1#duckweed_} best="" m
  for m in $modules; do
    if [[ $word == "$m" || $word == "${m}_"* ]] && [ ${#m} -gt ${#best} ]; then best=$m; fi
  done
  echo "$best"
}

for m in $modules; do
  direct[$m]=""
  cmake="$root/src/$m/CMakeLists.txt"
  [ -f "$cmake" ] || continue
  words=$(sed -nE 's/^[[:space:]]*DEPS[[:space:]]+([a-z_ ]+).*/\1/p' "$cmake")
  words+=" $(grep -oE 'duckweed_[a-z_]+' "$cmake" | tr '\n' ' ')"
  for w in $words; do
    d=$(module_of "$w")
    [ -n "$d" ] && [ "$d" != "$m" ] && direct[$m]+=" $d"
  done
done

# Transitive closure: what a module links, and what those link.
for m in $modules; do
  seen=" $m "
  todo=${direct[$m]}
  while [ -n "${todo// /}" ]; do
    set -- $todo
    d=$1
    shift
    todo="$*"
    case "$seen" in *" $d "*) continue ;; esac
    seen+="$d "
    todo+=" ${direct[$d]}"
  done
  allowed[$m]=$seen
done

bad=0
report() {
  echo "$1"
  bad=1
}

for base in "$root/src" "$root/include/duckweed"; do
  [ -d "$base" ] || continue
  for dir in "$base"/*/; do
    dir=${dir%/}
    name=${dir##*/}
    if [ -z "${is_module[$name]:-}" ]; then
      report "$dir: folder '$name' is not a module listed in $root/CMakeLists.txt (foreach(module ...))"
    fi
  done
done

include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*([<"])(duckweed/)?([A-Za-z0-9_]+)/'
for m in $modules; do
  for dir in "$root/include/duckweed/$m" "$root/src/$m"; do
    [ -d "$dir" ] || continue
    while IFS=: read -r file line text; do
      [[ $text =~ $include_re ]] || continue
      public=${BASH_REMATCH[2]}
      used=${BASH_REMATCH[3]}
      if [ -n "$public" ]; then
        if [ -z "${is_module[$used]:-}" ]; then
          report "$file:$line: module '$m' includes a header of '$used', which is not a listed module"
        elif [[ ${allowed[$m]} != *" $used "* ]]; then
          report "$file:$line: module '$m' includes a header of '$used', which is not below it"
        fi
      elif [ -n "${is_module[$used]:-}" ] && [ "$used" != "$m" ]; then
        report "$file:$line: module '$m' includes a private header of '$used' (src/$used/); use include/duckweed/$used/"
      fi
    done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include' "$dir" --include='*.h' --include='*.cc' || true)
  done
done
[ $bad -eq 0 ] && echo "layering ok"
exit $bad
