#!/usr/bin/env bash
# clang-tidy (the repository's .clang-tidy, every warning an error) on the C++ files the last change
# touches, so a change cannot land with new warnings in them; `make tidy` checks every file.
#
# The change is HEAD against its first parent (for a merge: what it brought to the first-parent
# line), plus uncommitted and untracked files; TIDY_BASE=REV compares with REV instead.
# Judged: the lines the change added or modified (git diff -U0) in the changed src/**/*.cc that
# compile_commands.json knows and in the changed headers they include (clang-tidy --line-filter);
# a warning on a line the change did not touch is not reported (it is not this change's doing;
# `make tidy` shows those).
#
# Exit 0 clean or nothing to check; 1 warnings (listed); 77 (ctest: skipped, never a failure) when
# the change cannot be judged here: no clang-tidy, not a git checkout, no parent commit (a clone of
# depth 1, the first commit), no compile_commands.json, or more than TIDY_MAX_FILES (12) sources
# (a big merge: `make tidy` is the tool for that). Runs TIDY_JOBS (2) clang-tidy at a time.
# Usage: tidy_changed.sh BUILD_DIR   (BUILD_DIR holds compile_commands.json)
set -u
build=${1:?usage: tidy_changed.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
skip() {
  echo "SKIP: $*; nothing checked"
  exit 77
}
command -v clang-tidy >/dev/null || skip "no clang-tidy on PATH"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || skip "$root is not a git checkout"
[ -f "$build/compile_commands.json" ] || skip "no $build/compile_commands.json"
base=${TIDY_BASE:-HEAD~1}
git rev-parse --verify --quiet "$base^{commit}" >/dev/null || skip "no commit $base to compare with"

mapfile -t changed < <({
  git diff --name-only --diff-filter=AMR "$base" -- 'src/*.cc' 'src/*.h' 'include/*.h'
  git ls-files --others --exclude-standard -- 'src/*.cc' 'src/*.h' 'include/*.h'
} | sort -u)
sources=()
headers=()
for f in "${changed[@]}"; do
  [ -f "$f" ] || continue
  case $f in
    *.h) headers+=("$root/$f") ;;
    *.cc) grep -qF "\"file\": \"$root/$f\"" "$build/compile_commands.json" && sources+=("$f") ;;
  esac
done
if [ ${#sources[@]} -eq 0 ]; then
  echo "tidy: no compiled C++ source changed since $base"
  exit 0
fi
max=${TIDY_MAX_FILES:-12}
[ ${#sources[@]} -le "$max" ] || skip "${#sources[@]} sources changed since $base (more than $max): run 'make tidy'"

# The changed lines of every changed file, as clang-tidy's --line-filter: [{"name": FILE, "lines":
# [[FIRST, LAST], ...]}, ...]; an untracked file is changed throughout.
filter=$(
  for f in "${changed[@]}"; do
    [ -f "$f" ] || continue
    if git ls-files --error-unmatch -- "$f" >/dev/null 2>&1; then
      ranges=$(git diff -U0 "$base" -- "$f" | sed -nE 's/^@@ -[0-9,]+ \+([0-9]+)(,([0-9]+))? @@.*/\1 \3/p' |
        awk '{ n = ($2 == "") ? 1 : $2; if (n > 0) printf "%s[%d,%d]", (k++ ? "," : ""), $1, $1 + n - 1 }')
      [ -n "$ranges" ] && printf '{"name":"%s","lines":[%s]}\n' "$root/$f" "$ranges"
    else
      printf '{"name":"%s"}\n' "$root/$f"
    fi
  done | paste -sd,)
echo "tidy: ${#sources[@]} changed source(s) and ${#headers[@]} header(s) since $base (changed lines only)"
out=$(printf '%s\n' "${sources[@]}" |
  xargs -P "${TIDY_JOBS:-2}" -n 1 clang-tidy -p "$build" --quiet --line-filter="[$filter]" \
    --warnings-as-errors='*' 2>&1)
status=$?
grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?(generated|treated as errors)\.$' <<<"$out" | sed '/^$/d'
[ $status -eq 0 ] && echo "tidy: clean" || echo "tidy: warnings above"
exit $((status != 0))
