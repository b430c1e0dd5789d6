// R QCA's QMC merge order and sort_matrix() (see r_order.h).
#include "qca/r_order.h"

#include <algorithm>
#include <cstddef>
#include <unordered_map>
#include <utility>

#include "qca/packed_cube.h"

namespace duckweed::qca::internal {

namespace {

// R's coding of a cube value at condition c: 0 absent, value + 1 otherwise.
int RCode(const Cube& cube, size_t c) {
  return cube.values[c] == Cube::kAbsent ? 0 : cube.values[c] + 1;
}

}  // namespace

void SortLikeR(std::vector<Cube>& cubes) {
  const size_t n = cubes.size();
  if (n < 2) return;
  const size_t k = cubes[0].values.size();
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  for (size_t c = k; c-- > 0;) {
    auto code = [&](size_t i) { return RCode(cubes[i], c); };
    // R's insertion-style passes are stable sorts.
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return code(a) > code(b); });
    // Cubes with the condition present; when all have it R counts one less (the quirk).
    size_t present = 0;
    while (present < n && code(order[present]) != 0) ++present;
    if (present == n) --present;
    std::stable_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(present),
                     [&](size_t a, size_t b) { return code(a) < code(b); });
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return cubes[a].LiteralCount() < cubes[b].LiteralCount();
  });
  std::vector<Cube> sorted;
  sorted.reserve(n);
  for (size_t i : order) sorted.push_back(std::move(cubes[i]));
  cubes = std::move(sorted);
}

std::vector<Cube> QmcPrimesInROrder(const std::vector<int>& levels,
                                    const std::vector<std::vector<int>>& rows, Budget* budget) {
  const int k = static_cast<int>(levels.size());
  std::vector<PackedCube> list;
  for (const auto& r : rows) list.push_back(Pack(r));
  while (list.size() > 1) {
    // Groups of cubes equal but for one present condition c, keyed by (cube without c, c).
    std::unordered_map<PackedCube, std::vector<std::vector<size_t>>, PackedCubeHash> groups;
    for (size_t i = 0; i < list.size(); ++i) {
      if (budget && budget->Exceeded()) return {};
      for (int c = 0; c < k; ++c) {
        if (list[i].Get(c) < 0) continue;
        auto& by_condition = groups[list[i].Without(c)];
        if (by_condition.empty()) by_condition.resize(k);
        by_condition[c].push_back(i);
      }
    }
    // A complete group merges; its cube is found at the group's first pair (g0, g1).
    std::unordered_map<PackedCube, std::pair<size_t, size_t>, PackedCubeHash> found;
    std::vector<bool> minimized(list.size(), false);
    for (const auto& [merged, by_condition] : groups) {
      for (int c = 0; c < k; ++c) {
        const auto& g = by_condition[c];
        if (static_cast<int>(g.size()) != levels[c]) continue;
        for (size_t i : g) minimized[i] = true;
        std::pair<size_t, size_t> first{g[0], g[1]};
        auto [it, inserted] = found.emplace(merged, first);
        if (!inserted) it->second = std::min(it->second, first);
      }
    }
    if (found.empty()) break;
    std::vector<std::pair<std::pair<size_t, size_t>, PackedCube>> next;
    for (const auto& [cube, first] : found) next.emplace_back(first, cube);
    std::sort(next.begin(), next.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<PackedCube> merged_list;
    for (const auto& [first, cube] : next) merged_list.push_back(cube);
    for (size_t i = 0; i < list.size(); ++i) {
      if (!minimized[i]) merged_list.push_back(list[i]);
    }
    list.swap(merged_list);
  }
  std::vector<Cube> out;
  for (const PackedCube& p : list) out.push_back(Unpack(p, k));
  SortLikeR(out);
  return out;
}

}  // namespace duckweed::qca::internal
