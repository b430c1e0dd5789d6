#include "duckweed/app/postures.h"

#include <fmt/format.h>

#include <cstdio>

namespace duckweed::app {

core::Result<evaluate::LikertScale> ParseScale(const std::string& text, int agree_from) {
  evaluate::LikertScale scale;
  if (std::sscanf(text.c_str(), "%d:%d", &scale.min, &scale.max) != 2) {
    return core::Status::Usage(fmt::format("--scale expects MIN:MAX (e.g. 1:5), found '{}'", text));
  }
  scale.agree_from = agree_from != 0 ? agree_from : scale.max - (scale.max - scale.min) / 4;
  return scale;
}

nlohmann::ordered_json PostureJson(const evaluate::PostureCell& c) {
  return {{"group", c.group},
          {"year", c.year},
          {"item", c.item},
          {"n", c.n},
          {"missing", c.missing},
          {"mean", c.mean.mean},
          {"mean_ci95", {c.mean.ci.low, c.mean.ci.high}},
          {"agree_share", c.agree_share},
          {"agree_ci95", {c.agree_ci.low, c.agree_ci.high}}};
}

}  // namespace duckweed::app
