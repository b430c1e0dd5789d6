// One complete diffusion run from files, as `duckweed diffuse run` (and the server) performs it:
// read the graph (SNAP edge list) and optional node table, resolve the seeds (ids from a JSON
// file or a list, place names, or a strategy), derive node factors (receptivity and resistance
// from the table, plus an optional cordon sanitaire around the seeds), run the Monte Carlo.
//
// Errors: every failure of the steps above, as values (InvalidInput with file:line:column or the
// field; IoError for unreadable files); nothing is written. Requests are checked before any file
// is read: replicas in [1, kMaxReplicas] (monte_carlo.h), cordon strength in [0,1], cordon hops >=
// 1, cordon km
// >= 0 (InvalidInput); cordon hops or km without a cordon strength (Usage). A place name shared
// by several places is an error listing their territory codes.
#ifndef DUCKWEED_DIFFUSION_RUN_H_
#define DUCKWEED_DIFFUSION_RUN_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/calendar.h"
#include "duckweed/diffusion/model.h"
#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/diffusion/node_table.h"
#include "duckweed/diffusion/run_record.h"
#include "duckweed/diffusion/seeding.h"

namespace duckweed::diffusion {

// Receptivity from a recipe's memberships (`diffuse run|compare --receptivity-recipe NAME`, issue
// 12): m(v) in [0,1] is node v's fuzzy membership in a stored recipe (the largest of its terms'
// memberships, each term the minimum over its literals, as `transfer --recipe` computes them; or
// over its context literals only, --receptivity-of context), looked up by the node table's
// territory code. The node's receptivity becomes
//
//   receptivity'(v) = receptivity(v) * m(v)       (receptivity(v): the node table's, else 1)
//
// so that the factor f(v) = receptivity'(v) * (1 - resistance(v)) (heterogeneity.h) multiplies
// v's adoption probability in a step model (model.h) and its yearly hazard in a calendar run
// (calendar.h): a node with m = 0 never adopts, unless it is a seed; m = 1 leaves it as it was.
// A node without a membership (no territory code, not in the store, or lacking the recipe's
// data) gets `default_membership`. IMM (--seed-strategy imm) then picks with these factors.
struct RecipeReceptivity {
  std::string recipe;                                  // its name, for messages
  std::unordered_map<std::string, double> membership;  // territory code -> m in [0,1]
  double default_membership = 0;                       // in [0,1]
};

// Multiplies the table's receptivity by each node's membership (receptivity'(v) above), for the
// `node_count` nodes of the graph (a node beyond the table has no code: the default).
// Errors (InvalidInput): a table without territory codes (field "territory"), a membership or the
// default outside [0,1] (field "receptivity-recipe").
core::Status ApplyRecipeReceptivity(const RecipeReceptivity& receptivity, uint32_t node_count,
                                    NodeTable& nodes);

struct RunRequest {
  std::string graph_path;
  bool undirected = false;
  bool keep_multi = false;  // false: drop self-loops and merge duplicate edges (the usual reading)
  bool dense_ids = false;   // node i is id i (as `duckweed graph places` writes), not compacted
  std::string nodes_path;   // optional node table (node_table.h)
  ModelSpec spec;
  // Seeds: exactly one of these four sources.
  std::string seeds_file;                // JSON array of node ids
  std::vector<uint64_t> seed_ids;        // node ids (as in the edge list)
  std::vector<std::string> seed_names;   // place names or territory codes (needs a node table)
  std::optional<SeedStrategy> strategy;  // with seed_count, seeded by options.seed
  uint32_t seed_count = 10;
  double imm_epsilon = 0.5;  // strategy imm: IMM's epsilon (influence.h)
  // Cordon sanitaire around the seeds: resistance strength at distance 1 (hops) or 0 km.
  double cordon_strength = 0;
  int cordon_hops = 1;
  double cordon_decay = 0.5;
  double cordon_km = 0;  // > 0: use the geographic cordon with this scale (needs coordinates)
  MonteCarloOptions options;
  // Calendar years (calendar.h): when set, the calibrated model runs instead of `spec`, one step
  // per year, with options.replicas, seed, policy and reach_fractions. The graph's arcs carry the
  // exposure of `graph_coefficient` ("none": no exposure through the graph); each of
  // `layer_files` (coefficient, edge list with the graph's node ids; needs dense_ids) is another
  // layer. The node table's population gives log population, its receptivity and resistance (and
  // the cordon) the factor f(v), which must stay in [0,1]. from_year 0: the model's fit year + 1;
  // until_year 0: from_year + 14.
  std::optional<CalibratedModel> calibrated;
  std::string graph_coefficient = "distance";
  std::vector<std::pair<std::string, std::string>> layer_files;
  int from_year = 0;
  int until_year = 0;
  // Set: the node table's receptivity is scaled by each node's recipe membership (above).
  std::optional<RecipeReceptivity> recipe_receptivity;
};

struct RunOutcome {
  RunInputs inputs;
  NodeTable nodes;
  MonteCarloResult result;                 // empty for a calendar run
  std::optional<CalendarResult> calendar;  // set for a calendar run
  RunTimings timings;
};

core::Result<RunOutcome> ExecuteRun(const RunRequest& request);

// The same on a graph already read (graph_path and nodes_path of `request` are only recorded).
core::Result<RunOutcome> ExecuteRunOn(const network::EdgeList& list, NodeTable nodes,
                                      const RunRequest& request);

// Reads a graph file (edge list or .dwg cache) as `request` says. With dense_ids, a graph with
// fewer than `min_nodes` nodes is padded with isolated nodes (a channel file omits places
// without links of that channel).
core::Result<network::EdgeList> ReadRunGraph(const RunRequest& request, uint32_t min_nodes = 0);

// Parses a JSON array of non-negative integer node ids; `source` names it in diagnostics.
core::Result<std::vector<uint64_t>> ParseSeedIds(std::string_view text, const std::string& source);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_RUN_H_
