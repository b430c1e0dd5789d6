// Equilibria: Newton on f(stocks) = d stocks / dt at STARTTIME, with a finite-difference Jacobian
// and backtracking; stability from the Jacobian's eigenvalues.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "duckweed/dynamics/sd_analysis.h"
#include "duckweed/dynamics/sd_names.h"
#include "dynamics/sd_program.h"

namespace duckweed::dynamics {
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

}  // namespace

core::Result<Equilibrium> FindEquilibrium(const CompiledModel& model,
                                          const std::map<std::string, double>& start,
                                          int max_iterations) {
  const Program& p = model.program();
  if (p.stocks.empty()) return core::Status::InvalidInput("the model has no stocks");
  Derivative f(p);
  Eigen::VectorXd y = f.Initial();
  Equilibrium eq;
  for (int s : p.stocks) {
    eq.stocks.push_back(p.slots[s].display.empty() ? p.slots[s].key : p.slots[s].display);
  }
  core::DiagnosticSink sink;
  for (const auto& [name, value] : start) {
    // Not `name` inside the lambda: clang < 16 cannot capture a structured binding.
    const std::string wanted = CanonicalName(name);
    auto it = std::find_if(eq.stocks.begin(), eq.stocks.end(),
                           [&](const std::string& s) { return CanonicalName(s) == wanted; });
    if (it == eq.stocks.end()) {
      sink.Add(core::Location{"", 0, 0, name},
               "starting value given for '" + name + "', which is not a stock of the model");
      continue;
    }
    y[it - eq.stocks.begin()] = value;
  }
  if (!sink.empty()) return sink.ToStatus();

  Eigen::VectorXd fy = f(y);
  double scale = std::max(1.0, MaxAbs(y));
  for (eq.iterations = 0; eq.iterations < max_iterations; ++eq.iterations) {
    if (MaxAbs(fy) <= 1e-10 * scale) break;
    Eigen::MatrixXd j = f.Jacobian(y);
    Eigen::VectorXd step = j.colPivHouseholderQr().solve(-fy);
    if (!step.allFinite()) break;
    double t = 1;
    bool improved = false;
    for (int k = 0; k < 30; ++k, t /= 2) {  // backtracking on max |f|
      Eigen::VectorXd trial = y + t * step;
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
  eq.converged = eq.residual <= 1e-8 * scale;
  eq.values.assign(y.data(), y.data() + y.size());
  Eigen::EigenSolver<Eigen::MatrixXd> solver(f.Jacobian(y), false);
  double max_re = -INFINITY;
  for (Eigen::Index k = 0; k < solver.eigenvalues().size(); ++k) {
    eq.eigenvalues.push_back(solver.eigenvalues()[k]);
    max_re = std::max(max_re, solver.eigenvalues()[k].real());
  }
  double tol = 1e-7 * std::max(1.0, f.Jacobian(y).cwiseAbs().maxCoeff());
  eq.stability = max_re < -tol ? "stable" : max_re > tol ? "unstable" : "marginal";
  return eq;
}

}  // namespace duckweed::dynamics
