// Integration: Euler, RK2 (Heun) and RK4 over the flat program, saving every save step, with the
// equations evaluated as bytecode (the fast path) or as trees (the reference).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "duckweed/core/memory.h"
#include "duckweed/sd/sd_simulate.h"
#include "sd/sd_bytecode.h"
#include "sd/sd_program.h"
#include "sd/sd_trace.h"

namespace duckweed::sd {
namespace {

long StepCount(const SimSpecs& spec) {
  return std::max(0L, std::lround((spec.stop - spec.start) / spec.dt));
}
long SaveEvery(const SimSpecs& spec) {
  double save = spec.save_step > 0 ? spec.save_step : spec.dt;
  // A save step beyond the horizon saves the first row only (lround would overflow).
  double every = std::round(save / spec.dt);
  return every >= 1e15 ? 1000000000000000L : std::max(1L, static_cast<long>(every));
}
size_t SavedRowCount(const SimSpecs& spec) {
  return static_cast<size_t>(StepCount(spec) / SaveEvery(spec) + 1);
}

// The per-step equations evaluated by walking the expression trees: the reference. Each
// evaluation returns its values in order (stocks, states or delays), valid until the next one.
class TreeEvaluator {
 public:
  TreeEvaluator(const Program& p, const Bytecode&)
      : p_(p), values_(std::max({p.stocks.size(), p.states.size(), p.delays.size()})) {}
  size_t Registers() const { return p_.slots.size(); }
  void Prepare(double*) const {}
  void Aux(double* r, RunState& st) const {
    for (int slot : p_.aux_order) r[slot] = Eval(p_, p_.slots[slot].step_node, r, st);
  }
  const double* Derivatives(double* r, RunState& st) {
    for (size_t i = 0; i < p_.stocks.size(); ++i) {
      values_[i] = Eval(p_, p_.slots[p_.stocks[i]].step_node, r, st);
    }
    return values_.data();
  }
  const double* NextStates(double* r, RunState& st) {
    for (size_t i = 0; i < p_.states.size(); ++i) {
      values_[i] = Eval(p_, p_.slots[p_.states[i]].step_node, r, st);
    }
    return values_.data();
  }
  const double* DelayInputs(double* r, RunState& st) {
    for (size_t i = 0; i < p_.delays.size(); ++i) {
      values_[i] = Eval(p_, p_.delays[i].input_node, r, st);
    }
    return values_.data();
  }

 private:
  const Program& p_;
  std::vector<double> values_;
};

// The same equations as register bytecode (sd_bytecode.h), whose results are read in place.
// Where no equation draws random numbers or reads a delay history (c.fusable), the derivatives
// are computed in the same pass as the auxiliaries: the integrator always asks for them next, at
// the same state, and nothing it does in between (saving, held states' next values) writes a
// register they read.
class BytecodeEvaluator {
 public:
  BytecodeEvaluator(const Program& p, const Bytecode& c) : p_(p), c_(c) {}
  size_t Registers() const { return static_cast<size_t>(c_.registers); }
  void Prepare(double* r) const { LoadConstants(c_, r); }
  void Aux(double* r, RunState& st) {
    if (c_.fusable) {
      Exec(c_, Block{c_.aux.begin, c_.derivatives.end}, p_, r, st);
      derivatives_ready_ = true;
      return;
    }
    Exec(c_, c_.aux, p_, r, st);
  }
  const double* Derivatives(double* r, RunState& st) {
    if (!derivatives_ready_) Exec(c_, c_.derivatives, p_, r, st);
    derivatives_ready_ = false;
    return r + c_.derivative_base;
  }
  const double* NextStates(double* r, RunState& st) const {
    Exec(c_, c_.states, p_, r, st);
    return r + c_.state_base;
  }
  const double* DelayInputs(double* r, RunState& st) const {
    Exec(c_, c_.delays, p_, r, st);
    return r + c_.delay_base;
  }

 private:
  const Program& p_;
  const Bytecode& c_;
  bool derivatives_ready_ = false;
};

// One integration loop for both evaluators, so the reference differs from the fast path only in
// how an equation is evaluated.
template <typename Evaluator>
class Integrator {
 public:
  Integrator(const Program& p, const Bytecode& code, const RunOptions& options)
      : p_(p),
        eval_(p, code),
        s_(eval_.Registers(), 0.0),
        method_(options.method.value_or(p.specs.method)) {
    state_.delay_history.resize(p.delays.size());
    for (int i = 0; i < p.random_streams; ++i) {
      state_.rngs.push_back(core::Rng::ForStream(options.seed, static_cast<uint64_t>(i)));
    }
  }

  // Integrates, handing each saved row to sink(time, slots) (the slots valid during the call).
  template <typename Sink>
  void Run(Sink&& sink) {
    const SimSpecs& spec = p_.specs;
    double dt = spec.dt;
    long steps = StepCount(spec);
    long save_every = SaveEvery(spec);
    double* s = s_.data();
    eval_.Prepare(s);
    s[kTimeSlot] = spec.start;
    s[kDtSlot] = dt;
    s[kStartSlot] = spec.start;
    s[kStopSlot] = spec.stop;
    for (int slot : p_.init_order) s[slot] = Eval(p_, p_.slots[slot].init_node, s, state_);

    size_t n = p_.stocks.size();
    y_.resize(n);
    tmp_.resize(n);
    for (auto* k : {&k1_, &k2_, &k3_, &k4_}) k->resize(n);
    std::vector<double> next_states(p_.states.size());
    long next_save = 0;
    for (long step = 0; step <= steps; ++step) {
      double t = spec.start + step * dt;
      s[kTimeSlot] = t;
      eval_.Aux(s, state_);
      if (step == next_save) {
        if (observe_) observe_(s);
        sink(t, s);
        next_save += save_every;
      }
      if (step == steps) break;
      if (!next_states.empty()) {
        const double* next = eval_.NextStates(s, state_);
        std::copy(next, next + next_states.size(), next_states.begin());
      }
      if (!p_.delays.empty()) {
        const double* inputs = eval_.DelayInputs(s, state_);
        for (size_t i = 0; i < p_.delays.size(); ++i) {
          state_.delay_history[i].push_back(inputs[i]);
        }
      }
      Step(t, dt);
      // Non-negative stocks: the outflows take no more than the stock holds, so the stock stops
      // at zero (the flows keep reporting their own equations, as the suite's outputs do).
      for (int stock : p_.limited_stocks) s[stock] = std::max(0.0, s[stock]);
      for (size_t i = 0; i < p_.states.size(); ++i) s[p_.states[i]] = next_states[i];
    }
  }

  // Integrates and keeps every saved row.
  SimResults Collect() {
    SimResults out;
    for (int slot : p_.outputs) out.names.push_back(p_.slots[slot].display);
    size_t rows = SavedRowCount(p_.specs);
    // Sized once and filled through a pointer: push_back's capacity checks cost more than the
    // zero fill.
    out.times.resize(rows);
    out.values.resize(rows * p_.outputs.size());
    double* time_out = out.times.data();
    double* value_out = out.values.data();
    const int* outputs = p_.outputs.data();
    size_t n_outputs = p_.outputs.size();
    Run([&](double t, const double* s) {
      *time_out++ = t;
      for (size_t c = 0; c < n_outputs; ++c) *value_out++ = s[outputs[c]];
    });
    return out;
  }

 private:
  void Derivatives(std::vector<double>& d) {
    const double* values = eval_.Derivatives(s_.data(), state_);
    std::copy(values, values + d.size(), d.begin());
  }

  void SetStocks(const std::vector<double>& y, double t) {
    for (size_t i = 0; i < y.size(); ++i) s_[p_.stocks[i]] = y[i];
    s_[kTimeSlot] = t;
  }

  void ComputeAux() { eval_.Aux(s_.data(), state_); }

  void Step(double t, double dt) {
    size_t n = p_.stocks.size();
    double* s = s_.data();
    const int* stocks = p_.stocks.data();
    if (method_ == Method::kEuler) {
      const double* k1 = eval_.Derivatives(s, state_);
      for (size_t i = 0; i < n; ++i) s[stocks[i]] += dt * k1[i];
      s[kTimeSlot] = t + dt;
      return;
    }
    Derivatives(k1_);
    for (size_t i = 0; i < n; ++i) y_[i] = s[stocks[i]];
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

 public:
  std::function<void(const double*)> observe_;  // called with the slots at each saved time

 private:
  const Program& p_;
  Evaluator eval_;
  std::vector<double> s_;  // the register file: slots first
  Method method_;
  RunState state_;
  std::vector<double> y_, tmp_, k1_, k2_, k3_, k4_;
};

}  // namespace

SimResults RunTraced(const CompiledModel& model, const RunOptions& options,
                     const std::function<void(const double*)>& observe) {
  Integrator<BytecodeEvaluator> integrator(model.program(), model.bytecode(), options);
  integrator.observe_ = observe;
  return integrator.Collect();
}

SimResults CompiledModel::Run(const RunOptions& options) const {
  if (options.reference_evaluator) {
    return Integrator<TreeEvaluator>(*program_, *code_, options).Collect();
  }
  return Integrator<BytecodeEvaluator>(*program_, *code_, options).Collect();
}

void CompiledModel::Stream(const RowSink& sink, const RunOptions& options) const {
  std::vector<double> row(program_->outputs.size());
  auto emit = [&](double t, const double* s) {
    for (size_t c = 0; c < row.size(); ++c) row[c] = s[program_->outputs[c]];
    sink(t, row.data());
  };
  if (options.reference_evaluator) {
    Integrator<TreeEvaluator>(*program_, *code_, options).Run(emit);
  } else {
    Integrator<BytecodeEvaluator>(*program_, *code_, options).Run(emit);
  }
}

std::vector<std::string> CompiledModel::OutputNames() const {
  std::vector<std::string> names;
  for (int slot : program_->outputs) names.push_back(program_->slots[slot].display);
  return names;
}

size_t CompiledModel::SavedRows() const { return SavedRowCount(program_->specs); }

core::Status CompiledModel::CheckMemory(double bytes_per_row_value, double extra_columns) const {
  double rows = static_cast<double>(SavedRows());
  double steps = static_cast<double>(StepCount(program_->specs)) + 1;
  double columns = static_cast<double>(program_->outputs.size()) + 1 + extra_columns;
  // Fixed delays keep their input at every step.
  double bytes = rows * columns * bytes_per_row_value +
                 steps * static_cast<double>(program_->delays.size()) * sizeof(double);
  if (core::FitsMemory(bytes)) return core::Status::Ok();
  return core::Status::InvalidInput(fmt::format(
      "this run would need {} to hold {:.0f} saved steps x {:.0f} columns; save fewer steps "
      "(a larger save_step or dt, a shorter horizon){}",
      core::MemoryNeedText(bytes), rows, columns,
      bytes_per_row_value > 0 ? " or write the CSV without --json, which streams" : ""));
}

}  // namespace duckweed::sd
