// Which levers a town should raise to follow a recipe, and which bundles of them.
//
// A recipe term is a conjunction of literals; a town's membership in it is the fuzzy minimum of
// its literal memberships. Raising one literal to 1 raises the minimum only when that literal was
// the sole lowest one, so with fuzzy minimum one missing key hides the others: a town lacking
// two keys gains nothing from either alone and everything from both. RankLeverBundles therefore
// scores each lever literal the town lacks (membership below `held`) and each bundle of two or
// three of them, by the town's membership in the term once the bundle's literals are raised to 1
// (the other literals, context included, kept as they are).
//
// Each result's gain is membership_after - membership_now. A bundle is listed only when it gains
// strictly more than each of its proper sub-bundles (otherwise its smaller part says it all);
// every single lacking lever is listed. Order: decreasing gain, then fewer literals, then the
// literals' order in the term. Literals not tagged as levers are never part of a bundle.
// Complexity: O(L^3 x n) for L lacking levers (capped: at most `max_size` literals per bundle)
// and n literals. Thread safety: pure function.
#ifndef DUCKWEED_TRANSFER_LEVER_ADVICE_H_
#define DUCKWEED_TRANSFER_LEVER_ADVICE_H_

#include <cstddef>
#include <vector>

namespace duckweed::evaluate {

struct LeverBundle {
  std::vector<size_t> literals;  // indices into the term's literals, increasing
  double membership_after = 0;
  double gain = 0;
};

// `current[i]`: the town's membership in literal i, in [0,1]; `is_lever[i]`: whether literal i is
// a lever. A lever with current >= `held` is already held: no advice for it.
std::vector<LeverBundle> RankLeverBundles(const std::vector<double>& current,
                                          const std::vector<bool>& is_lever, size_t max_size = 3,
                                          double held = 0.5);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_TRANSFER_LEVER_ADVICE_H_
