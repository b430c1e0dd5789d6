// The neutral system-dynamics model: what an XMILE (or .stmx) file says, before any equation is
// parsed. Importers fill it; the compiler (sd_compile.h) lowers it to a flat program. Equations
// stay text here so that diagnostics can point into them.
//
// Thread safety: plain values.
#ifndef DUCKWEED_SD_SD_MODEL_H_
#define DUCKWEED_SD_SD_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace duckweed::sd {

enum class Method { kEuler, kRk2, kRk4 };

struct SimSpecs {
  double start = 0;
  double stop = 10;
  double dt = 1;
  double save_step = 0;  // 0: same as dt
  Method method = Method::kEuler;
  std::string time_units;
};

// A graphical function (lookup table). Kind follows XMILE: continuous clamps at the ends,
// extrapolate extends the end segments, discrete is a step function.
struct GraphicalFunction {
  enum class Kind { kContinuous, kExtrapolate, kDiscrete };
  Kind kind = Kind::kContinuous;
  std::vector<double> xs;  // sorted ascending (checked by the compiler)
  std::vector<double> ys;  // same length as xs
  int line = 0;            // where it was defined, for diagnostics
};

// An equation text and where it sits in the source file.
struct Equation {
  std::string text;
  int line = 0;    // 1-based line of the equation's text in the file; 0 when unknown
  int column = 0;  // 1-based column of the text's first character on that line
};

// One element-by-element definition of an arrayed variable: subscript "a,b" -> equation. An
// empty subscript means "the next element in order" (xmutil's bare repeated <eqn>).
struct ElementDef {
  std::vector<std::string> subscript;
  Equation eqn;
  std::optional<GraphicalFunction> gf;
};

struct Variable {
  enum class Kind { kStock, kFlow, kAux, kModule };
  Kind kind = Kind::kAux;
  std::string name;  // as written in the file (may contain `\n` escapes)
  Equation eqn;      // initial value for stocks; the input of the gf when gf is present
  // Auxiliaries and flows: the value used while the model initialises (<init_eqn>, Vensim's
  // ACTIVE INITIAL); empty: eqn serves both.
  Equation init_eqn;
  std::optional<GraphicalFunction> gf;
  std::vector<std::string> dims;  // dimension names; empty for scalars
  std::vector<ElementDef> elements;
  std::vector<std::string> inflows, outflows;  // stocks only
  bool non_negative = false;                   // stocks: never below 0; flows: uniflow
  std::string units;
  std::string doc;
  int line = 0;
  // Modules only: the model it instantiates and its connections (input name -> source name,
  // a source starting with '.' refers to the enclosing model).
  std::string module_model;
  std::vector<std::pair<std::string, std::string>> connections;
};

struct Model {
  std::string name;  // empty for the root model
  std::vector<Variable> variables;
};

struct Dimension {
  std::string name;
  std::vector<std::string> elements;  // a size-only dimension gets "1".."n"
};

// A macro: a function defined by an equation over its parameters (and optionally variables).
struct Macro {
  std::string name;
  std::vector<std::string> params;
  Equation eqn;
  std::vector<Variable> variables;
};

struct Project {
  std::string source;  // file name, for diagnostics
  std::string name;
  std::string vendor;  // header vendor and product, e.g. "Ventana Systems, xmutil / Vensim"
  SimSpecs specs;
  std::vector<Dimension> dimensions;
  std::vector<Model> models;  // models[0] is the root
  std::vector<Macro> macros;
  std::vector<std::string> warnings;  // "file:line:col: message", e.g. recovered XML errors
};

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_MODEL_H_
