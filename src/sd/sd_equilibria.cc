// Equilibria: Newton on f(stocks) = d stocks / dt at a fixed TIME, with a finite-difference
// Jacobian and backtracking; stability from the Jacobian's eigenvalues.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "duckweed/core/memory.h"
#include "duckweed/sd/sd_analysis.h"
#include "duckweed/sd/sd_names.h"
#include "sd/sd_program.h"

namespace duckweed::sd {
namespace {

class Derivative {
 public:
  explicit Derivative(const Program& p) : p_(p), s_(p.slots.size(), 0.0) {
    s_[kTimeSlot] = p.specs.start;
    s_[kDtSlot] = p.specs.dt;
    s_[kStartSlot] = p.specs.start;
    s_[kStopSlot] = p.specs.stop;
    st_.delay_history.resize(p.delays.size());
    for (int i = 0; i < p.random_streams; ++i) st_.rngs.push_back(core::Rng::ForStream(1, i));
    for (int s : p.init_order) s_[s] = Eval(p, p.slots[s].init_node, s_.data(), st_);
  }

  // TIME seen by the derivatives (STEP, RAMP, lookups of TIME); STARTTIME until set.
  void SetTime(double t) { s_[kTimeSlot] = t; }

  Eigen::VectorXd Initial() const {
    Eigen::VectorXd y(p_.stocks.size());
    for (size_t i = 0; i < p_.stocks.size(); ++i) y[i] = s_[p_.stocks[i]];
    return y;
  }

  Eigen::VectorXd operator()(const Eigen::VectorXd& y) {
    for (size_t i = 0; i < p_.stocks.size(); ++i) s_[p_.stocks[i]] = y[i];
    for (int slot : p_.aux_order) s_[slot] = Eval(p_, p_.slots[slot].step_node, s_.data(), st_);
    Eigen::VectorXd f(p_.stocks.size());
    for (size_t i = 0; i < p_.stocks.size(); ++i) {
      f[i] = Eval(p_, p_.slots[p_.stocks[i]].step_node, s_.data(), st_);
    }
    return f;
  }

  Eigen::MatrixXd Jacobian(const Eigen::VectorXd& y) {
    Eigen::Index n = y.size();
    Eigen::MatrixXd j(n, n);
    for (Eigen::Index k = 0; k < n; ++k) {
      double h = 1e-6 * std::max(1.0, std::fabs(y[k]));
      Eigen::VectorXd up = y, down = y;
      up[k] += h;
      down[k] -= h;
      j.col(k) = ((*this)(up) - (*this)(down)) / (2 * h);
    }
    return j;
  }

 private:
  const Program& p_;
  std::vector<double> s_;
  RunState st_;
};

double MaxAbs(const Eigen::VectorXd& v) { return v.size() ? v.cwiseAbs().maxCoeff() : 0; }

std::vector<std::string> StockNames(const Program& p) {
  std::vector<std::string> names;
  for (int s : p.stocks)
    names.push_back(p.slots[s].display.empty() ? p.slots[s].key : p.slots[s].display);
  return names;
}

// Newton with backtracking on max |f| from `y`, then the eigenvalues of the Jacobian there.
// `non_negative`: each trial point is projected onto stocks >= 0, so a start inside the
// physical region looks for a root there before an unconstrained step leaves it.
Equilibrium Solve(Derivative& f, Eigen::VectorXd y, std::vector<std::string> stocks,
                  int max_iterations, bool non_negative = false) {
  Equilibrium eq;
  eq.stocks = std::move(stocks);
  Eigen::VectorXd fy = f(y);
  double scale = std::max(1.0, MaxAbs(y));
  for (eq.iterations = 0; eq.iterations < max_iterations; ++eq.iterations) {
    if (MaxAbs(fy) <= 1e-10 * scale) break;
    Eigen::MatrixXd j = f.Jacobian(y);
    Eigen::VectorXd step = j.colPivHouseholderQr().solve(-fy);
    if (!step.allFinite()) break;
    double t = 1;
    bool improved = false;
    for (int k = 0; k < 30; ++k, t /= 2) {
      Eigen::VectorXd trial = y + t * step;
      if (non_negative) trial = trial.cwiseMax(0.0);
      Eigen::VectorXd ft = f(trial);
      if (ft.allFinite() && MaxAbs(ft) < MaxAbs(fy)) {
        y = trial;
        fy = ft;
        improved = true;
        break;
      }
    }
    if (!improved) break;
    scale = std::max(1.0, MaxAbs(y));
  }
  eq.residual = MaxAbs(fy);
  eq.converged = std::isfinite(eq.residual) && eq.residual <= 1e-8 * scale;
  eq.values.assign(y.data(), y.data() + y.size());
  Eigen::MatrixXd jac = f.Jacobian(y);
  if (!jac.allFinite()) {
    eq.stability = "marginal";
    return eq;
  }
  Eigen::EigenSolver<Eigen::MatrixXd> solver(jac, false);
  double max_re = -INFINITY;
  for (Eigen::Index k = 0; k < solver.eigenvalues().size(); ++k) {
    eq.eigenvalues.push_back(solver.eigenvalues()[k]);
    max_re = std::max(max_re, solver.eigenvalues()[k].real());
  }
  double tol = 1e-7 * std::max(1.0, jac.cwiseAbs().maxCoeff());
  eq.stability = max_re < -tol ? "stable" : max_re > tol ? "unstable" : "marginal";
  return eq;
}

bool SameRoot(const std::vector<double>& a, const std::vector<double>& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    // Loose: a Newton run that stalls on a kink (MAX, MIN) still counts as converged at a
    // relative 1e-8 residual, which can leave a stock off by more than that.
    double tol = 1e-3 * std::max({1.0, std::fabs(a[i]), std::fabs(b[i])});
    if (std::fabs(a[i] - b[i]) > tol) return false;
  }
  return true;
}

int StabilityRank(const std::string& s) { return s == "stable" ? 0 : s == "marginal" ? 1 : 2; }

// Newton holds dense n x n matrices over the n stocks (the Jacobian, its LU factors, the complex
// eigen decomposition): about six of them, refused above the memory budget.
core::Status CheckJacobianFits(const Program& p) {
  double n = static_cast<double>(p.stocks.size());
  double bytes = 6 * n * n * sizeof(double);
  if (core::FitsMemory(bytes)) return core::Status::Ok();
  return core::Status::InvalidInput(fmt::format(
      "the model has {:.0f} stocks: Newton's dense {:.0f} x {:.0f} Jacobian would need {}", n, n, n,
      core::MemoryNeedText(bytes)));
}

}  // namespace

core::Result<Equilibrium> FindEquilibrium(const CompiledModel& model,
                                          const std::map<std::string, double>& start,
                                          std::optional<double> time, int max_iterations) {
  const Program& p = model.program();
  if (p.stocks.empty()) return core::Status::InvalidInput("the model has no stocks");
  DUCKWEED_RETURN_IF_ERROR(CheckJacobianFits(p));
  Derivative f(p);
  Eigen::VectorXd y = f.Initial();
  if (time) f.SetTime(*time);
  std::vector<std::string> stocks = StockNames(p);
  core::DiagnosticSink sink;
  for (const auto& [name, value] : start) {
    // Not `name` inside the lambda: clang < 16 cannot capture a structured binding.
    const std::string wanted = CanonicalName(name);
    auto it = std::find_if(stocks.begin(), stocks.end(),
                           [&](const std::string& s) { return CanonicalName(s) == wanted; });
    if (it == stocks.end()) {
      sink.Add(core::Location{"", 0, 0, name},
               "starting value given for '" + name + "', which is not a stock of the model");
      continue;
    }
    y[it - stocks.begin()] = value;
  }
  if (!sink.empty()) return sink.ToStatus();
  return Solve(f, y, std::move(stocks), max_iterations);
}

std::vector<std::string> NegativeStocks(const Equilibrium& eq) {
  double scale = 1;
  for (double v : eq.values) scale = std::max(scale, std::fabs(v));
  std::vector<std::string> negative;
  for (size_t i = 0; i < eq.values.size(); ++i) {
    if (eq.values[i] < -1e-9 * scale) negative.push_back(eq.stocks[i]);
  }
  return negative;
}

core::Result<EquilibriaReport> FindEquilibria(const CompiledModel& model,
                                              std::optional<double> time, int run_points,
                                              int max_iterations) {
  const Program& p = model.program();
  if (p.stocks.empty()) return core::Status::InvalidInput("the model has no stocks");
  DUCKWEED_RETURN_IF_ERROR(CheckJacobianFits(p));
  Derivative f(p);
  std::vector<std::string> stocks = StockNames(p);
  std::vector<std::pair<std::string, Eigen::VectorXd>> starts = {{"initial stocks", f.Initial()}};
  f.SetTime(time.value_or(p.specs.stop));
  // The run's stock states: where the dynamics actually go, so near the attractors that matter.
  SimResults run = model.Run();
  std::vector<int> column(p.stocks.size(), -1);
  for (size_t i = 0; i < p.stocks.size(); ++i) {
    auto it = std::find(run.names.begin(), run.names.end(), p.slots[p.stocks[i]].display);
    if (!p.slots[p.stocks[i]].display.empty() && it != run.names.end()) {
      column[i] = static_cast<int>(it - run.names.begin());
    }
  }
  size_t rows = run.times.size();
  size_t last_row = 0;
  for (int k = 1; rows > 1 && k <= run_points; ++k) {
    size_t row = static_cast<size_t>(std::llround(double(k) * double(rows - 1) / run_points));
    if (row == last_row) continue;
    last_row = row;
    Eigen::VectorXd y = f.Initial();  // hidden builtin stocks keep their initial values
    for (size_t i = 0; i < column.size(); ++i) {
      if (column[i] >= 0) y[i] = run.At(row, column[i]);
    }
    if (y.allFinite()) starts.emplace_back(fmt::format("run t={:g}", run.times[row]), y);
  }

  EquilibriaReport report;
  for (const auto& [label, y] : starts) {
    report.starts.push_back(label);
    bool physical_start = (y.array() >= 0).all();
    Equilibrium eq = Solve(f, y, stocks, max_iterations, physical_start);
    if (!eq.converged && physical_start) eq = Solve(f, y, stocks, max_iterations);
    if (!eq.converged) {
      ++report.not_converged;
      continue;
    }
    auto same = std::find_if(report.roots.begin(), report.roots.end(), [&](const auto& r) {
      return SameRoot(r.equilibrium.values, eq.values);
    });
    if (same != report.roots.end()) {
      same->starts.push_back(label);
      if (eq.residual < same->equilibrium.residual) {  // keep the most accurate solve
        same->negative_stocks = NegativeStocks(eq);
        same->physical = same->negative_stocks.empty();
        same->equilibrium = std::move(eq);
      }
      continue;
    }
    FoundEquilibrium found;
    found.negative_stocks = NegativeStocks(eq);
    found.physical = found.negative_stocks.empty();
    found.equilibrium = std::move(eq);
    found.starts.push_back(label);
    report.roots.push_back(std::move(found));
  }
  std::stable_sort(report.roots.begin(), report.roots.end(), [](const auto& a, const auto& b) {
    if (a.physical != b.physical) return a.physical;
    int ra = StabilityRank(a.equilibrium.stability), rb = StabilityRank(b.equilibrium.stability);
    if (ra != rb) return ra < rb;
    return a.starts.size() > b.starts.size();
  });
  return report;
}

}  // namespace duckweed::sd
