// Likert scales and the JSON of a posture cell (`evaluate postures --json`, a town's evaluation).
// Thread safety: pure functions.
#ifndef DUCKWEED_APP_POSTURES_H_
#define DUCKWEED_APP_POSTURES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/core/result.h"
#include "duckweed/systemic/postures.h"

namespace duckweed::app {

// "MIN:MAX"; agree_from 0 = the top quarter. Errors: kUsage naming the text found.
core::Result<evaluate::LikertScale> ParseScale(const std::string& text, int agree_from);
nlohmann::ordered_json PostureJson(const evaluate::PostureCell& c);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_POSTURES_H_
