#!/usr/bin/env bash
# The layering checker against violations injected into a scratch copy of the tree (issue 16: the
# old checker passed all four). The clean copy must pass; each injected copy must fail with the
# line that names the violation.
# Usage: check_layering_test.sh SOURCE_ROOT
set -u
src=${1:?usage: check_layering_test.sh SOURCE_ROOT}
checker=$src/tools/check_layering.sh
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0

fresh_copy() {
  rm -rf "$scratch/tree"
  mkdir -p "$scratch/tree"
  cp -R "$src/CMakeLists.txt" "$src/src" "$src/include" "$scratch/tree/"
}

# expect_fail NAME EXPECTED_TEXT: the checker exits 1 and prints EXPECTED_TEXT.
expect_fail() {
  local out rc
  out=$("$checker" "$scratch/tree" 2>&1)
  rc=$?
  if [ $rc -ne 1 ] || ! grep -qF -- "$2" <<<"$out"; then
    echo "FAIL $1: expected exit 1 and '$2', got exit $rc:"
    echo "$out" | head -5
    failures=$((failures + 1))
  else
    echo "ok   $1"
  fi
}

fresh_copy
out=$("$checker" "$scratch/tree" 2>&1)
if [ $? -ne 0 ] || [ "$out" != "layering ok" ]; then
  echo "FAIL clean tree: $out"
  failures=$((failures + 1))
else
  echo "ok   clean tree passes"
fi

# 1. A private qca header included from a lower module (store sits below qca's users, not above qca).
fresh_copy
echo '#include "qca/chart.h"' >>"$scratch/tree/src/store/ademe.cc"
expect_fail private_header "module 'store' includes a private header of 'qca'"

# 2. An angle-bracket include of a public header of a module that is not below.
fresh_copy
echo '#include <duckweed/diffusion/monte_carlo.h>' >>"$scratch/tree/src/qca/recipe.cc"
expect_fail angle_brackets "module 'qca' includes a header of 'diffusion', which is not below it"

# 3. An indented include (and a spaced '#  include') of a module that is not below.
fresh_copy
printf '  #include "duckweed/store/entities.h"\n' >>"$scratch/tree/src/network/graph.cc"
expect_fail indented "module 'network' includes a header of 'store', which is not below it"
fresh_copy
printf '#  include "duckweed/store/entities.h"\n' >>"$scratch/tree/src/network/graph.cc"
expect_fail spaced_hash "module 'network' includes a header of 'store', which is not below it"

# 4. A module folder under src/ that the build does not list.
fresh_copy
mkdir "$scratch/tree/src/sidecar"
echo '#include "duckweed/core/status.h"' >"$scratch/tree/src/sidecar/x.cc"
expect_fail unlisted_folder "folder 'sidecar' is not a module listed"

# 5. The table follows the link lists: core links nothing, so core may not include store.
fresh_copy
echo '#include "duckweed/store/entities.h"' >>"$scratch/tree/include/duckweed/core/status.h"
expect_fail public_header_upward "module 'core' includes a header of 'store', which is not below it"

# 6. Sibling lenses: the référentiel (level 1, links core) may not include the systemic score.
fresh_copy
echo '#include "duckweed/systemic/capacity.h"' >>"$scratch/tree/src/referentiel/referentiel.cc"
expect_fail sibling_lens "module 'referentiel' includes a header of 'systemic', which is not below it"

[ $failures -eq 0 ] && echo "all injected violations caught"
exit $((failures > 0))
