// Compiling a neutral model (sd_model.h) into a flat program and integrating it.
//
// Compile: flattens modules (module variables become "module.var"), expands arrays to one
// scalar per element ("Name[Elem]"), expands stateful builtins (SMTH*, DELAY*, TREND, FORCST,
// INIT, PREVIOUS) into hidden stocks and states, inlines macros (a macro's own variables get one
// hidden copy per call site), gives ACTIVE_INITIAL / <init_eqn> variables a separate initial
// equation, orders equations by dependency.
// Run: Euler, RK2 (Heun) or RK4 from STARTTIME to STOPTIME in steps of DT, saving every save step;
// the per-step equations run as register bytecode lowered once at Compile.
//
// Thread safety: a CompiledModel is immutable after Compile; Run may be called concurrently.
#ifndef DUCKWEED_SD_SD_SIMULATE_H_
#define DUCKWEED_SD_SD_SIMULATE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/sd/sd_model.h"

namespace duckweed::sd {

struct Program;
struct Bytecode;

struct RunOptions {
  std::optional<Method> method;  // overrides the model's sim_specs method
  uint64_t seed = 1;             // random builtins draw from Rng::ForStream(seed, call site)
  // Evaluate the expression trees directly instead of the register bytecode: the slow reference
  // the bytecode is tested against. Results are bit-identical.
  bool reference_evaluator = false;
};

// Saved trajectories: one row per saved time, one column per output variable.
struct SimResults {
  std::vector<std::string> names;  // display names: "Stock A", "Rate[Entry 1]", "hares.births"
  std::vector<double> times;
  std::vector<double> values;  // row-major, times.size() x names.size()
  double At(size_t row, size_t col) const { return values[row * names.size() + col]; }
};

// One saved row: the time and the output values in OutputNames() order, valid during the call.
using RowSink = std::function<void(double time, const double* values)>;

class CompiledModel {
 public:
  // Errors: InvalidInput with every diagnostic found (syntax errors, unknown functions, undefined
  // variables, dimension mismatches, circular definitions naming the variables, graphical
  // functions with unsorted x), each naming the variable, the file line and the column in the
  // equation. O(size of the model after array expansion).
  static core::Result<CompiledModel> Compile(const Project& project);

  // Integrates the model. Never fails on numeric trouble: NaN and infinities propagate.
  // O(steps x program size).
  // REQUIRES for large models: CheckMemory(sizeof(double)) is Ok (Run holds every saved row).
  SimResults Run(const RunOptions& options = {}) const;

  // As Run, but hands each saved row to `sink` as it is computed and keeps none: memory is the
  // model's registers and the fixed delays' histories, whatever the number of steps.
  void Stream(const RowSink& sink, const RunOptions& options = {}) const;

  std::vector<std::string> OutputNames() const;  // the columns of a run, in order
  size_t SavedRows() const;                      // rows a run saves (times)

  // Refuses (InvalidInput, with the estimate) a run whose kept output would exceed
  // core::MemoryBudgetBytes() (core/memory.h): saved rows x (outputs + time + extra_columns) x
  // bytes_per_value, plus the histories of fixed delays (steps x delays x 8). Run() keeps 8 bytes
  // per value; a caller that also formats or transposes them passes its own figure, and a caller
  // that streams passes 0 (only the histories count).
  core::Status CheckMemory(double bytes_per_value, double extra_columns = 0) const;

  const Program& program() const { return *program_; }
  const Bytecode& bytecode() const { return *code_; }

 private:
  std::shared_ptr<const Program> program_;
  std::shared_ptr<const Bytecode> code_;
};

// RFC 4180 CSV of the results: a header `time,<names...>` then one row per saved time, numbers in
// their shortest round-trip form, non-finite ones as NaN, Inf, -Inf (core/number.h).
// O(rows x columns).
std::string ResultsToCsv(const SimResults& results);

// The same CSV in pieces, for streaming: the header line, and one row appended to `out`.
std::string CsvHeader(const std::vector<std::string>& names);
void AppendCsvRow(std::string& out, double time, const double* values, size_t n);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_SIMULATE_H_
