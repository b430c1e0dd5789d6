// Use case: QCA robustness — `duckweed qca robustness` and the server's robustness job.
//
// Robustness of QCA solutions to the calibration of the truth table (in the spirit of R's
// SetMethods robustness tests): the solutions are recomputed at every point of an
// (inclusion cut-off x frequency cut-off) grid. Every grid point lists all its models (M1, M2, ...
// when the solution is ambiguous); each term is reported with the share of grid points at which
// it appears in some model and the number at which it appears in every model. A term in every
// model at every grid point survives the whole grid (`survives`); the robust core is the list of
// those terms per solution.
//
// Calibration robustness: the grid may also run over several calibrations of the data (each a
// Dataset with a label such as "X=1,4,9", built by the caller from raw columns and alternative
// anchors); every (calibration, inclusion cut-off, frequency cut-off) triple is a grid point.
//
// A grid point where no truth table row has OUT = 1 counts as one without terms. Errors: an empty
// grid is kUsage; an invalid cut-off is the truth table's error; a minimisation's error (such as
// the minimiser's cap on implicants, "problem too large") names the grid point. Time: with
// `time_limit_s` > 0 the whole grid shares that many seconds (each minimisation gets what is left);
// past it, InvalidInput saying how many grid points were done. Complexity: one truth table and
// up to two minimisations per grid point. Cancel: with a `control`, its total is set to the grid
// points and it advances by one per point; once cancelled, the grid stops before its next point
// and returns core::CancelledStatus(). Thread safety: pure.
#ifndef DUCKWEED_APP_QCA_ROBUSTNESS_H_
#define DUCKWEED_APP_QCA_ROBUSTNESS_H_

#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/progress.h"
#include "duckweed/core/result.h"
#include "duckweed/core/work_control.h"
#include "duckweed/qca/dataset.h"

namespace duckweed::app {

struct RobustnessOptions {
  std::vector<double> incl_cuts;
  std::vector<int> n_cuts = {1};
  std::vector<std::string> kinds = {"parsimonious", "complex"};
  double time_limit_s = 0;               // for the whole grid; <= 0: none
  core::Progress* progress = nullptr;    // not owned; one unit per (variant, incl, n) point
  core::WorkControl* control = nullptr;  // not owned; progress and cancel (the server's jobs)
};

// The grid over a case table: `spec` reads the table (outcome, conditions, case column); with
// `anchors` ("COL=E,C,I;E,C,I...", see CalibrationVariants) the raw columns are calibrated
// each way in turn, else the table is read as calibrated.
struct RobustnessRequest {
  qca::DatasetSpec spec;
  std::vector<std::string> anchors;
  RobustnessOptions grid;
};

struct GridPoint {
  std::string calibration;  // the calibration's label; "" without calibration variants
  double incl_cut = 0;
  int n_cut = 1;
  std::string kind;
  std::vector<std::string> models;  // every model's expression; empty when nothing is explained
};

struct TermShare {
  std::string kind;                           // "parsimonious" or "complex"
  std::string expression;                     // the term, e.g. "A*~B"
  int count = 0;                              // grid points where it appears in some model
  double share = 0;                           // count / grid points
  int in_every_model = 0;                     // grid points where every model has it
  bool survives = false;                      // in every model at every grid point
  double min_incl_cut = 0, max_incl_cut = 0;  // over the points where it appears
};

struct RobustnessResult {
  int grid_points = 0;  // per kind
  std::vector<GridPoint> points;
  std::vector<TermShare> terms;  // per kind, most robust first, then by first appearance
};

struct CalibratedData {
  std::string label;  // e.g. "X=1,4,9"
  qca::Dataset data;
};

core::Result<RobustnessResult> RunRobustness(const qca::Dataset& data,
                                             const RobustnessOptions& options);
// The grid over every calibration in `variants` (at least one) as well.
core::Result<RobustnessResult> RunRobustness(const std::vector<CalibratedData>& variants,
                                             const RobustnessOptions& options);

// The calibration variants of a raw table: each anchor spec "COL=E,C,I;E,C,I..." gives a raw
// column and alternative anchors (exclusion, crossover, inclusion; R's direct method); every
// combination over the columns is one variant, read under `spec` as a Dataset. Errors: a
// malformed spec is kUsage; an absent column, a non-numeric raw value (naming case and column),
// anchors in the wrong order (naming the spec) or an invalid calibrated table are kInvalidInput.
core::Result<std::vector<CalibratedData>> CalibrationVariants(
    const core::CsvTable& table, const qca::DatasetSpec& spec,
    const std::vector<std::string>& anchor_specs);

// The use case: the dataset (or its calibration variants) read from `table`, then the grid.
// Errors: the table's reading errors (naming column and case), then RunRobustness's.
core::Result<RobustnessResult> RobustnessOfTable(const core::CsvTable& table,
                                                 const RobustnessRequest& request);

std::string RobustnessText(const RobustnessResult& r);
std::string RobustnessJson(const RobustnessResult& r);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_QCA_ROBUSTNESS_H_
