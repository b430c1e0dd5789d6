#include "duckweed/transfer/lever_advice.h"

#include <algorithm>
#include <functional>
#include <map>

namespace duckweed::evaluate {

std::vector<LeverBundle> RankLeverBundles(const std::vector<double>& current,
                                          const std::vector<bool>& is_lever, size_t max_size,
                                          double held) {
  std::vector<size_t> lacking;
  for (size_t i = 0; i < current.size(); ++i) {
    if (is_lever[i] && current[i] < held) lacking.push_back(i);
  }
  const double now = current.empty() ? 0.0 : *std::min_element(current.begin(), current.end());
  auto after = [&](const std::vector<size_t>& bundle) {
    double m = 1.0;
    for (size_t i = 0; i < current.size(); ++i) {
      if (std::find(bundle.begin(), bundle.end(), i) == bundle.end()) m = std::min(m, current[i]);
    }
    return m;
  };
  std::map<std::vector<size_t>, double> gain;  // every bundle tried, by its literals
  std::vector<LeverBundle> out;
  std::vector<size_t> chosen;
  // Bundles in increasing size, so each one's sub-bundles are scored before it.
  for (size_t size = 1; size <= std::min(max_size, lacking.size()); ++size) {
    std::function<void(size_t)> visit = [&](size_t from) {
      if (chosen.size() == size) {
        const double m = after(chosen);
        gain[chosen] = m - now;
        bool better = true;
        for (size_t drop = 0; size > 1 && drop < chosen.size(); ++drop) {
          std::vector<size_t> sub = chosen;
          sub.erase(sub.begin() + static_cast<std::ptrdiff_t>(drop));
          // A proper sub-bundle (its own sub-bundles were checked when it was scored).
          if (gain[sub] >= m - now) better = false;
        }
        if (better) out.push_back({chosen, m, m - now});
        return;
      }
      for (size_t k = from; k < lacking.size(); ++k) {
        chosen.push_back(lacking[k]);
        visit(k + 1);
        chosen.pop_back();
      }
    };
    visit(0);
  }
  std::stable_sort(out.begin(), out.end(), [](const LeverBundle& a, const LeverBundle& b) {
    if (a.gain != b.gain) return a.gain > b.gain;
    if (a.literals.size() != b.literals.size()) return a.literals.size() < b.literals.size();
    return a.literals < b.literals;
  });
  return out;
}

}  // namespace duckweed::evaluate
