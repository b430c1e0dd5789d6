// Integration: Euler, RK2 (Heun) and RK4 over the flat program, saving every save step.
#include <algorithm>
#include <cmath>

#include "duckweed/dynamics/sd_simulate.h"
#include "dynamics/sd_program.h"

namespace duckweed::dynamics {
namespace {

class Integrator {
 public:
  Integrator(const Program& p, const RunOptions& options)
      : p_(p), s_(p.slots.size(), 0.0), method_(options.method.value_or(p.specs.method)) {
    state_.delay_history.resize(p.delays.size());
    for (int i = 0; i < p.random_streams; ++i) {
      state_.rngs.push_back(core::Rng::ForStream(options.seed, static_cast<uint64_t>(i)));
    }
  }

  SimResults Run() {
    const SimSpecs& spec = p_.specs;
    double dt = spec.dt;
    long steps = std::max(0L, std::lround((spec.stop - spec.start) / dt));
    double save = spec.save_step > 0 ? spec.save_step : dt;
    long save_every = std::max(1L, std::lround(save / dt));
    s_[kTimeSlot] = spec.start;
    s_[kDtSlot] = dt;
    s_[kStartSlot] = spec.start;
    s_[kStopSlot] = spec.stop;
    for (int slot : p_.init_order) s_[slot] = Eval(p_, p_.slots[slot].init_node, s_.data(), state_);

    SimResults out;
    for (int slot : p_.outputs) out.names.push_back(p_.slots[slot].display);
    out.times.reserve(steps / save_every + 1);
    out.values.reserve((steps / save_every + 1) * p_.outputs.size());
    size_t n = p_.stocks.size();
    y_.resize(n);
    std::vector<double> next_states(p_.states.size());
    for (long step = 0; step <= steps; ++step) {
      double t = spec.start + step * dt;
      s_[kTimeSlot] = t;
      ComputeAux();
      if (step % save_every == 0) {
        out.times.push_back(t);
        for (int slot : p_.outputs) out.values.push_back(s_[slot]);
      }
      if (step == steps) break;
      for (size_t i = 0; i < p_.states.size(); ++i) {
        next_states[i] = Eval(p_, p_.slots[p_.states[i]].step_node, s_.data(), state_);
      }
      for (size_t i = 0; i < p_.delays.size(); ++i) {
        state_.delay_history[i].push_back(Eval(p_, p_.delays[i].input_node, s_.data(), state_));
      }
      Step(t, dt);
      // Non-negative stocks: the outflows take no more than the stock holds, so the stock stops
      // at zero (the flows keep reporting their own equations, as the suite's outputs do).
      for (int stock : p_.limited_stocks) s_[stock] = std::max(0.0, s_[stock]);
      for (size_t i = 0; i < p_.states.size(); ++i) s_[p_.states[i]] = next_states[i];
    }
    return out;
  }

 private:
  void ComputeAux() {
    double* s = s_.data();
    for (int slot : p_.aux_order) s[slot] = Eval(p_, p_.slots[slot].step_node, s, state_);
  }

  void Derivatives(std::vector<double>& d) {
    d.resize(p_.stocks.size());
    for (size_t i = 0; i < p_.stocks.size(); ++i) {
      d[i] = Eval(p_, p_.slots[p_.stocks[i]].step_node, s_.data(), state_);
    }
  }

  void SetStocks(const std::vector<double>& y, double t) {
    for (size_t i = 0; i < y.size(); ++i) s_[p_.stocks[i]] = y[i];
    s_[kTimeSlot] = t;
  }

  void Step(double t, double dt) {
    size_t n = p_.stocks.size();
    for (size_t i = 0; i < n; ++i) y_[i] = s_[p_.stocks[i]];
    Derivatives(k1_);
    if (method_ == Method::kEuler) {
      for (size_t i = 0; i < n; ++i) y_[i] += dt * k1_[i];
      SetStocks(y_, t + dt);
      return;
    }
    tmp_.resize(n);
    if (method_ == Method::kRk2) {
      for (size_t i = 0; i < n; ++i) tmp_[i] = y_[i] + dt * k1_[i];
      SetStocks(tmp_, t + dt);
      ComputeAux();
      Derivatives(k2_);
      for (size_t i = 0; i < n; ++i) y_[i] += dt / 2 * (k1_[i] + k2_[i]);
      SetStocks(y_, t + dt);
      return;
    }
    for (size_t i = 0; i < n; ++i) tmp_[i] = y_[i] + dt / 2 * k1_[i];
    SetStocks(tmp_, t + dt / 2);
    ComputeAux();
    Derivatives(k2_);
    for (size_t i = 0; i < n; ++i) tmp_[i] = y_[i] + dt / 2 * k2_[i];
    SetStocks(tmp_, t + dt / 2);
    ComputeAux();
    Derivatives(k3_);
    for (size_t i = 0; i < n; ++i) tmp_[i] = y_[i] + dt * k3_[i];
    SetStocks(tmp_, t + dt);
    ComputeAux();
    Derivatives(k4_);
    for (size_t i = 0; i < n; ++i) {
      y_[i] += dt / 6 * (k1_[i] + 2 * k2_[i] + 2 * k3_[i] + k4_[i]);
    }
    SetStocks(y_, t + dt);
  }

  const Program& p_;
  std::vector<double> s_;
  Method method_;
  RunState state_;
  std::vector<double> y_, tmp_, k1_, k2_, k3_, k4_;
};

}  // namespace

SimResults CompiledModel::Run(const RunOptions& options) const {
  Integrator integrator(*program_, options);
  return integrator.Run();
}

}  // namespace duckweed::dynamics
