// Diffusion models on a directed graph, in synchronous discrete time. Every model starts at step 0
// with the seeds adopted (infected) and nothing else; step t -> t+1 is computed from the state at
// t only, so the order in which nodes are visited never changes the law of the process.
//
// Exact semantics of one step t -> t+1 (f(v) is node v's factor, see heterogeneity.h, 1 when
// absent; "adopting in-neighbours" of v are the u with an arc u->v that are adopted/infected at
// step t):
//
//  kIndependentCascade  each node that adopted AT step t makes one attempt on each out-neighbour v
//                       not yet adopted, succeeding with p(u,v) * f(v) (capped at 1); v adopts at
//                       t+1 if any attempt succeeded. p(u,v) is the arc's weight (use_arc_weights),
//                       1/in-degree(v) (weighted_cascade) or the constant `probability`.
//  kLinearThreshold     each node draws a threshold theta_v uniform in (0,1] once per replica; v
//                       adopts at t+1 when the sum of w(u,v) * f(v) over adopting in-neighbours
//                       reaches theta_v. w as for the cascade (weighted cascade makes the weights
//                       into each node sum to 1, the classical LT condition).
//  kSi                  each susceptible v with m >= 1 infected in-neighbours is infected at t+1
//                       with probability 1 - (1 - beta * f(v))^m (one independent beta-trial per
//                       infected in-neighbour). Infected nodes stay infected.
//  kSir                 as kSi; in addition each node infected at t recovers at t+1 with
//  probability
//                       gamma (independently of its transmissions during the step, so an infected
//                       node transmits during every step it starts infected, at least once).
//                       Recovered nodes are immune.
//  kSis                 as kSir but recovered nodes become susceptible again at t+1.
//  kComplexContagion    a not-yet-adopted v with m adopting in-neighbours adopts at t+1 with
//                       probability f(v) when m >= threshold_count (if > 0) or when
//                       m >= threshold_fraction * in-degree(v) (if threshold_count == 0).
//  kBass                a not-yet-adopted v adopts at t+1 with probability
//                       min(1, (bass_p + bass_q * m / in-degree(v)) * f(v) * dt). With dt -> 0 on a
//                       complete graph this tends to the Bass (1969) diffusion equation.
//
// A replica stops when no further change is possible, or after max_steps steps.
// The "adopted" count of a replica at step t counts nodes that adopted (were infected) at or
// before t, whatever happened since (recovery); its final value is the final size.
#ifndef DUCKWEED_DIFFUSION_MODEL_H_
#define DUCKWEED_DIFFUSION_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "duckweed/core/result.h"

namespace duckweed::diffusion {

enum class ModelKind {
  kIndependentCascade,
  kLinearThreshold,
  kSi,
  kSir,
  kSis,
  kComplexContagion,
  kBass,
};

// Short CLI names: ic, lt, si, sir, sis, complex, bass.
std::string_view ModelName(ModelKind kind);
// InvalidInput listing the known names when `name` is not one of them.
core::Result<ModelKind> ModelFromName(std::string_view name);

struct ModelSpec {
  ModelKind kind = ModelKind::kIndependentCascade;
  // Cascade / threshold arc probabilities (weights); see the file comment.
  bool weighted_cascade = false;  // p(u,v) = 1 / in-degree(v)
  bool use_arc_weights = false;   // p(u,v) = the graph's weight of u->v
  double probability = 0.1;       // otherwise, the same p on every arc
  // Epidemic models.
  double beta = 0.1;
  double gamma = 0.1;
  // Complex contagion.
  uint32_t threshold_count = 2;
  double threshold_fraction = 0.5;
  // Bass.
  double bass_p = 0.03;
  double bass_q = 0.38;
  double dt = 1.0;
  // Every model: a hard cap on the number of steps of one replica.
  uint32_t max_steps = 10000;
};

// Checks every parameter the model uses: probabilities in [0,1], dt in (0,1], fraction in [0,1],
// max_steps >= 1, weights requested but absent. Returns InvalidInput naming the field.
core::Status ValidateModel(const ModelSpec& spec, bool graph_has_weights);

// "ic(weighted cascade)", "sir(beta=0.1, gamma=0.1)", ...: for tables and run records.
std::string DescribeModel(const ModelSpec& spec);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_MODEL_H_
