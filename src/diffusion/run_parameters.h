// The `parameters` object of the JSON records (`diffuse run` and `diffuse compare`): the model's
// name, description and the parameters it uses, max_steps and replicas. One definition, so both
// records keep the same shape.
#ifndef DUCKWEED_SRC_DIFFUSION_RUN_PARAMETERS_H_
#define DUCKWEED_SRC_DIFFUSION_RUN_PARAMETERS_H_

#include <nlohmann/json.hpp>

#include "duckweed/diffusion/model.h"
#include "duckweed/diffusion/monte_carlo.h"

namespace duckweed::diffusion::internal {

nlohmann::ordered_json RunParametersJson(const ModelSpec& spec, const MonteCarloOptions& options);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_RUN_PARAMETERS_H_
