// Use case: the ecosystem models — the XMILE stock-and-flow models and fuzzy cognitive maps of a
// folder (examples/loos), listed with what a reader may change; an SD model run with some of its
// constants set, with loop dominance over time (Loops That Matter); an FCM scenario (concepts
// clamped, scenario minus baseline). Used by `duckweed sd run --set` and by
// GET /api/v1/models, POST /api/v1/models/{name}/run and /scenario.
//
// A folder's models: every *.xmile (SD) and every edge-list CSV whose header is `from,to,weight`
// (FCM), named by the file's stem. An FCM `STEM_fcm*.csv` takes `STEM_concepts.csv` as its
// concepts file when that exists and names every concept of the map; otherwise it has none.
//
// Bounds (the server runs these per request): an SD run keeps at most kMaxSdValues saved values
// (rows x outputs) and scores at most kMaxLoops loops; an FCM has at most kMaxFcmConcepts.
// Larger ones are refused (InvalidInput naming the size) — the CLI runs them.
//
// Thread safety: reads the files named; a function of them.
#ifndef DUCKWEED_APP_ECOSYSTEM_H_
#define DUCKWEED_APP_ECOSYSTEM_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/fcm/fcm.h"
#include "duckweed/fcm/fcm_scenario.h"
#include "duckweed/sd/sd_dominance.h"
#include "duckweed/sd/sd_model.h"
#include "duckweed/sd/sd_simulate.h"

namespace duckweed::app {

inline constexpr size_t kMaxSdValues = 2'000'000;
inline constexpr size_t kMaxLoops = 200;
inline constexpr size_t kMaxFcmConcepts = 500;

// A constant of an SD model: a scalar auxiliary of the root model whose equation is a number.
struct SdConstant {
  std::string name;  // display name ("Recruitment Rate")
  double value = 0;  // as the file gives it
  std::string units, doc;
};

struct ModelEntry {
  std::string name;  // the file's stem: "ecosystem", "ecosystem_fcm_residents"
  std::string kind;  // "sd" or "fcm"
  std::string path;
  std::string concepts_path;  // FCM only; "" when none
  std::string title;          // SD: the header's name; FCM: "N concepts, M edges"
  // SD: the simulation's span and the constants.
  sd::SimSpecs specs;
  std::vector<SdConstant> constants;
  std::vector<std::string> stocks;  // display names of the root model's stocks, in file order
  // FCM: the concepts and their initial values (nullopt: not given).
  std::vector<std::string> concepts;
  std::vector<std::optional<double>> initial;
};

// The models of `folder`, in name order. Errors: IoError when the folder cannot be read, else the
// first model file that does not parse (located).
core::Result<std::vector<ModelEntry>> ListModels(const std::string& folder);
// The model `name` of `folder`; NotFound listing the names when there is none.
core::Result<ModelEntry> FindModel(const std::string& folder, const std::string& name);
// [{name, kind, title, path, (sd) start, stop, dt, time_units, constants [{name, value, units,
// doc}], stocks [name], (fcm) concepts [{name, initial}]}].
nlohmann::ordered_json ModelsJson(const std::vector<ModelEntry>& models);

// The constants of a project's root model, in file order.
std::vector<SdConstant> FindConstants(const sd::Project& project);
// Sets constants by display or canonical name (CanonicalName). Errors (InvalidInput, one per
// problem, field "constants.NAME"): a name that is not a constant of the model (the message lists
// them), a value that is not finite.
core::Status SetConstants(sd::Project& project, const std::map<std::string, double>& values);

struct SdRunRequest {
  std::string model;                        // XMILE path
  std::map<std::string, double> constants;  // overrides
  bool dominance = true;
  size_t max_loops = kMaxLoops;
};

struct SdRunOutcome {
  std::string model;
  std::vector<SdConstant> constants;       // every constant with the value used
  std::map<std::string, double> defaults;  // the file's value of each overridden constant
  sd::SimResults results;
  std::optional<sd::LoopDominance> dominance;
};

// Reads, sets the constants, compiles, checks the bounds, runs; with `dominance`, scores the
// loops on the same run's options. Errors: as ReadXmileFile, SetConstants, Compile, and the
// bounds above.
core::Result<SdRunOutcome> RunSdModel(const SdRunRequest& request);
// {model, constants [{name, value, default}], time [...], columns {name: [...]} (non-finite as
// null), loops [{id, polarity, variables, relative_score [...]}] (times: time[1..]),
// dominant [{from, to, loop}] (loop: an id or null), truncated}.
nlohmann::ordered_json SdRunJson(const SdRunOutcome& outcome);

struct FcmScenarioRequest {
  std::string map;                       // FCM file
  std::string concepts;                  // concepts CSV or ""
  std::map<std::string, double> clamps;  // concept -> value; at least one
  std::string transfer = "sigmoid";      // sigmoid | tanh (Mental Modeler's two)
  bool keep_sources = true;  // hold concepts without causes at their initial value (FCMpy)
};

struct FcmScenarioOutcome {
  fcm::FcmMap map;
  fcm::FcmOptions options;
  fcm::FcmScenarioResult result;
};

// Mental Modeler's scenario (fcm_scenario.h) from the map's initial values (else 1). Errors
// (InvalidInput, field "clamps.NAME" or "transfer"): an unknown concept (listing them), a value
// outside the transfer's range, no clamp, an unknown transfer; else as ReadFcmFile.
core::Result<FcmScenarioOutcome> RunFcmScenario(const FcmScenarioRequest& request);
// As `fcm scenario --json`: {transfer, baseline {outcome, iterations, period}, scenario {...},
// concepts [{concept, baseline, scenario, clamped, difference (null when clamped)}]}.
nlohmann::ordered_json FcmScenarioJson(const FcmScenarioOutcome& outcome);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_ECOSYSTEM_H_
