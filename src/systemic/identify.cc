#include "duckweed/systemic/identify.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "duckweed/systemic/aggregate.h"

namespace duckweed::evaluate {

using core::Result;
using core::Status;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// Variable layout: [m_1..m_n | m_pairs (P) | q_pairs (P)].
struct Layout {
  int n, pairs;
  std::vector<std::pair<int, int>> pair;
  int single(int i) const { return i; }
  int mobius_pair(int k) const { return n + k; }
  int q(int k) const { return n + pairs + k; }
  int vars() const { return n + 2 * pairs; }
};

Layout MakeLayout(int n) {
  Layout l{n, n * (n - 1) / 2, {}};
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) l.pair.push_back({i, j});
  }
  return l;
}

// Constraint rows l <= C x <= u.
void BuildConstraints(const Layout& l, MatrixXd& c, VectorXd& lo, VectorXd& hi) {
  const int rows = 1 + l.n + 2 * l.pairs;
  const double inf = std::numeric_limits<double>::infinity();
  c = MatrixXd::Zero(rows, l.vars());
  lo = VectorXd::Zero(rows);
  hi = VectorXd::Constant(rows, inf);
  for (int v = 0; v < l.n + l.pairs; ++v) c(0, v) = 1;  // sum of Mobius masses = 1
  lo(0) = hi(0) = 1;
  for (int i = 0; i < l.n; ++i) c(1 + i, l.single(i)) = 1;
  for (int k = 0; k < l.pairs; ++k) {
    c(1 + l.pair[k].first, l.q(k)) = -1;  // m_i - sum_j q_ij >= 0
    c(1 + l.pair[k].second, l.q(k)) = -1;
    c(1 + l.n + k, l.q(k)) = 1;            // q >= 0
    c(1 + l.n + l.pairs + k, l.q(k)) = 1;  // q + m_ij >= 0
    c(1 + l.n + l.pairs + k, l.mobius_pair(k)) = 1;
  }
}

struct QpSolution {
  VectorXd x;
  int iterations = 0;
  bool converged = false;
};

// ADMM for min 1/2 x'Px + q'x s.t. lo <= Cx <= hi (OSQP's iteration with fixed rho, sigma).
QpSolution SolveQp(const MatrixXd& p, const VectorXd& q, const MatrixXd& c, const VectorXd& lo,
                   const VectorXd& hi, VectorXd x) {
  const double rho = 1.0, sigma = 1e-6, alpha = 1.6;
  const MatrixXd k = p + sigma * MatrixXd::Identity(p.rows(), p.cols()) + rho * c.transpose() * c;
  const Eigen::LLT<MatrixXd> llt(k);
  VectorXd z = (c * x).cwiseMax(lo).cwiseMin(hi);
  VectorXd y = VectorXd::Zero(c.rows());
  QpSolution s;
  for (s.iterations = 1; s.iterations <= 100000; ++s.iterations) {
    const VectorXd x_tilde = llt.solve(sigma * x - q + c.transpose() * (rho * z - y));
    const VectorXd z_tilde = c * x_tilde;
    x = alpha * x_tilde + (1 - alpha) * x;
    const VectorXd z_relaxed = alpha * z_tilde + (1 - alpha) * z;
    const VectorXd z_next = (z_relaxed + y / rho).cwiseMax(lo).cwiseMin(hi);
    y += rho * (z_relaxed - z_next);
    const double dual = (rho * c.transpose() * (z_next - z)).lpNorm<Eigen::Infinity>();
    z = z_next;
    const double primal = (c * x - z).lpNorm<Eigen::Infinity>();
    if (primal < 1e-10 && dual < 1e-8) {
      s.converged = true;
      break;
    }
  }
  s.x = std::move(x);
  return s;
}

// The solver's Mobius masses made an exact 2-additive capacity. ADMM meets the constraints only
// to within its tolerance (a singleton at -1e-9 was enough to fail validation), so: masses below
// 1e-12 in magnitude become 0; each singleton is lifted to the sum of its negative interactions
// where it falls short (m_i >= -sum_j min(0, m_ij), the monotonicity constraint); then every mass
// is divided by the total (the constraints are homogeneous, so this keeps them). The result is a
// feasible point next to the solver's; the fit reported is the projected capacity's.
VectorXd ProjectOntoCapacities(const Layout& l, VectorXd m) {
  for (int v = 0; v < m.size(); ++v) {
    if (std::abs(m(v)) < 1e-12) m(v) = 0;
  }
  VectorXd negative = VectorXd::Zero(l.n);  // sum of the negative interactions of each criterion
  for (int k = 0; k < l.pairs; ++k) {
    const double ij = std::min(0.0, m(l.mobius_pair(k)));
    negative(l.pair[k].first) += ij;
    negative(l.pair[k].second) += ij;
  }
  for (int i = 0; i < l.n; ++i) m(l.single(i)) = std::max(m(l.single(i)), -negative(i));
  return m / m.sum();
}

}  // namespace

Result<Identified> IdentifyCapacity(const std::vector<std::string>& criteria,
                                    const std::vector<Example>& examples) {
  const int n = static_cast<int>(criteria.size());
  if (n < 1 || n > 20) return Status::InvalidInput("identification needs 1 to 20 criteria");
  if (examples.empty()) return Status::InvalidInput("identification needs at least one example");
  const Layout l = MakeLayout(n);
  MatrixXd a = MatrixXd::Zero(static_cast<int>(examples.size()), l.vars());
  VectorXd y(static_cast<int>(examples.size()));
  for (size_t e = 0; e < examples.size(); ++e) {
    const auto& x = examples[e].scores;
    if (static_cast<int>(x.size()) != n) {
      return Status::InvalidInput(
          fmt::format("example {} has {} scores, expected {}", e + 1, x.size(), n));
    }
    for (int i = 0; i < n; ++i) a(e, l.single(i)) = x[i];
    for (int k = 0; k < l.pairs; ++k) {
      a(e, l.mobius_pair(k)) = std::min(x[l.pair[k].first], x[l.pair[k].second]);
    }
    y(e) = examples[e].judgement;
    if (!a.row(e).allFinite() || !std::isfinite(y(e))) {
      return Status::InvalidInput(fmt::format("example {} has a non-finite number", e + 1));
    }
  }
  VectorXd m0 = VectorXd::Zero(l.vars());
  for (int i = 0; i < n; ++i) m0(l.single(i)) = 1.0 / n;
  const double eps = 1e-9 * std::max(1.0, (a.transpose() * a).trace());
  const MatrixXd p = a.transpose() * a + eps * MatrixXd::Identity(l.vars(), l.vars());
  const VectorXd q = -a.transpose() * y - eps * m0;
  MatrixXd c;
  VectorXd lo, hi;
  BuildConstraints(l, c, lo, hi);
  QpSolution s = SolveQp(p, q, c, lo, hi, m0);

  const VectorXd m = ProjectOntoCapacities(l, s.x.head(l.n + l.pairs));
  std::vector<double> shapley(n);
  for (int i = 0; i < n; ++i) shapley[i] = m(l.single(i));
  Interactions interactions;
  for (int k = 0; k < l.pairs; ++k) {
    const double ij = m(l.mobius_pair(k));
    shapley[l.pair[k].first] += 0.5 * ij;
    shapley[l.pair[k].second] += 0.5 * ij;
    if (ij != 0.0) {
      interactions.push_back({{criteria[l.pair[k].first], criteria[l.pair[k].second]}, ij});
    }
  }
  auto capacity = MakeTwoAdditive(criteria, shapley, interactions);
  if (!capacity.ok()) {
    return Status::Internal("identified capacity failed validation: " +
                            capacity.status().message());
  }
  double sse = 0;
  for (const auto& e : examples) sse += std::pow(Choquet(*capacity, e.scores) - e.judgement, 2);
  return Identified{std::move(capacity).value(), std::sqrt(sse / examples.size()), s.iterations,
                    s.converged};
}

Result<Identified> IdentifyCapacityFromCsv(const core::CsvTable& table,
                                           const std::string& judgement_column) {
  core::DiagnosticSink sink;
  auto judgement = table.RequireColumn(judgement_column, sink);
  std::vector<std::string> criteria;
  std::vector<size_t> columns;
  for (size_t col = 0; col < table.column_count(); ++col) {
    const std::string& name = table.header()[col];
    if (name == judgement_column || IsLabelColumn(name)) continue;
    criteria.push_back(name);
    columns.push_back(col);
  }
  if (!sink.empty()) return sink.ToStatus();
  std::vector<Example> examples;
  for (size_t r = 0; r < table.row_count(); ++r) {
    Example e;
    for (size_t col : columns) {
      auto v = table.Real(r, col, sink);
      if (v && (*v < 0 || *v > 1)) {
        sink.Add(table.Where(r, col), fmt::format("expected a score in [0,1], found {}", *v));
      }
      e.scores.push_back(v.value_or(0));
    }
    e.judgement = table.Real(r, *judgement, sink).value_or(0);
    examples.push_back(std::move(e));
  }
  if (!sink.empty()) return sink.ToStatus();
  return IdentifyCapacity(criteria, examples);
}

}  // namespace duckweed::evaluate
