// The memory a model, a run or a map may be sized to by its input, and how to say it is too much.
//
// Sizes that come from the input (a dimension's size, the number of concepts, time steps times
// variables) are estimated before anything is allocated; above kMemoryBudgetBytes the command is
// refused with exit 1 and the estimate ("this run would need about 14.2 GB"), instead of ending
// in std::bad_alloc or the OOM killer.
#ifndef DUCKWEED_DYNAMICS_MEMORY_BUDGET_H_
#define DUCKWEED_DYNAMICS_MEMORY_BUDGET_H_

#include <fmt/format.h>

#include <string>

namespace duckweed::dynamics {

// 2 GB: what one command of the dynamics module may allocate for data sized by its input.
inline constexpr double kMemoryBudgetBytes = 2e9;

// "about 14.2 GB (the limit is 2 GB)" for a byte count.
inline std::string NeedText(double bytes) {
  return fmt::format("about {:.3g} GB (the limit is {:g} GB)", bytes / 1e9,
                     kMemoryBudgetBytes / 1e9);
}

}  // namespace duckweed::dynamics

#endif  // DUCKWEED_DYNAMICS_MEMORY_BUDGET_H_
