#include "duckweed/app/transfer.h"

#include <algorithm>
#include <cmath>

#include "duckweed/app/json_util.h"
#include "duckweed/core/csv.h"

namespace duckweed::app {
namespace {

using core::Result;
using nlohmann::ordered_json;

bool IsContext(const TransferRequest& o, const evaluate::MissingKey& m) {
  return std::find(o.context.begin(), o.context.end(), m.literal.condition) != o.context.end();
}

// Moves context keys out of the advice (into the result) and drops keys already held.
std::vector<evaluate::MissingKey> SplitContext(const TransferRequest& o,
                                               std::vector<evaluate::MissingKey>& missing) {
  std::vector<evaluate::MissingKey> differences, advice;
  for (auto& m : missing) {
    if (IsContext(o, m)) {
      differences.push_back(m);
    } else if (std::isnan(m.current) || m.current < kHeldMembership) {
      advice.push_back(m);
    }
  }
  missing = std::move(advice);
  return differences;
}

ordered_json Current(double current) {
  return OptionalNumber(std::isnan(current) ? std::nullopt : std::optional(current));
}

}  // namespace

Result<TransferOutcome> TransferTown(const TransferRequest& o) {
  DUCKWEED_ASSIGN_OR_RETURN(auto recipes, qca::ReadRecipesFile(o.recipes));
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.data));
  DUCKWEED_ASSIGN_OR_RETURN(auto data, evaluate::ParseTownData(table));
  TransferOutcome out;
  out.town = o.town;
  DUCKWEED_ASSIGN_OR_RETURN(out.fits, evaluate::Transfer(recipes, data, o.town, o.top));
  for (auto& f : out.fits) out.differences.push_back(SplitContext(o, f.missing));
  return out;
}

ordered_json TransferJson(const TransferOutcome& outcome, bool with_context) {
  ordered_json out;
  out["town"] = outcome.town;
  out["recipes"] = ordered_json::array();
  for (size_t i = 0; i < outcome.fits.size(); ++i) {
    const auto& f = outcome.fits[i];
    ordered_json r;
    r["expression"] = f.recipe.expression;
    r["membership"] = OptionalNumber(f.membership);
    r["missing"] = ordered_json::array();
    for (const auto& m : f.missing) {
      r["missing"].push_back(
          {{"literal", m.literal.ToString()}, {"current", Current(m.current)}, {"gain", m.gain}});
    }
    r["closest"] = ordered_json::array();
    for (const auto& e : f.closest) {
      r["closest"].push_back(
          {{"town", e.town}, {"membership", e.membership}, {"distance", e.distance}});
    }
    if (with_context) {
      r["context_differences"] = ordered_json::array();
      for (const auto& m : outcome.differences[i]) {
        r["context_differences"].push_back(
            {{"literal", m.literal.ToString()}, {"current", Current(m.current)}});
      }
    }
    out["recipes"].push_back(std::move(r));
  }
  return out;
}

}  // namespace duckweed::app
