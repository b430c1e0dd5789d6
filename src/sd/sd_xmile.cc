#include "duckweed/sd/sd_xmile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <tuple>

#include "duckweed/core/file.h"
#include "duckweed/core/memory.h"

namespace duckweed::sd {
namespace {

using core::DiagnosticSink;
using core::Location;

// Local name of an element, without a namespace prefix ("isee:foo" -> "foo").
std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c : n.children()) {
    if (LocalName(c) == local) return c;
  }
  return {};
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

class Reader {
 public:
  Reader(std::string text, std::string source, XmileOptions options)
      : text_(std::move(text)), source_(std::move(source)), options_(options) {
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  core::Result<Project> Run() {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(text_.data(), text_.size());
    std::string recovered;
    if (!parsed) {
      auto [line, col] = LineCol(parsed.offset);
      if (!options_.recover) {
        return core::Status::InvalidInput(std::string("malformed XML: ") + parsed.description(),
                                          Location{source_, line, col, ""});
      }
      // pugixml keeps the tree it built before the error: that is what recovery reads.
      recovered = source_ + ":" + std::to_string(line) + ":" + std::to_string(col) +
                  ": malformed XML: " + parsed.description() +
                  "; recovered the part read before it";
    }
    pugi::xml_node root = doc.first_child();
    while (root && LocalName(root) != "xmile") root = root.next_sibling();
    if (!root) {
      return core::Status::InvalidInput("expected an <xmile> root element",
                                        Location{source_, 1, 1, ""});
    }
    Project p;
    p.source = source_;
    if (!recovered.empty()) p.warnings.push_back(recovered);
    p.name = Trim(Child(Child(root, "header"), "name").child_value());
    p.vendor = Trim(Child(Child(root, "header"), "vendor").child_value()) + " / " +
               Trim(Child(Child(root, "header"), "product").child_value());
    ReadSpecs(root, Child(root, "sim_specs"), p.specs);
    ReadDimensions(Child(root, "dimensions"), p.dimensions);
    // <behavior>: model-wide defaults for non-negative stocks and flows.
    pugi::xml_node behavior = Child(root, "behavior");
    if (Child(behavior, "non_negative")) default_stock_nn_ = default_flow_nn_ = true;
    if (Child(Child(behavior, "stock"), "non_negative")) default_stock_nn_ = true;
    if (Child(Child(behavior, "flow"), "non_negative")) default_flow_nn_ = true;
    for (pugi::xml_node c : root.children()) {
      if (LocalName(c) == "model") {
        Model m = ReadModel(c);
        if (m.name.empty()) {
          p.models.insert(p.models.begin(), std::move(m));
        } else {
          p.models.push_back(std::move(m));
        }
      } else if (LocalName(c) == "macro") {
        p.macros.push_back(ReadMacro(c));
      }
    }
    if (p.models.empty()) {
      sink_.Add(Location{source_, Line(root), 0, ""}, "expected a <model> element, found none");
    } else if (!p.models[0].name.empty()) {
      p.models[0].name.clear();  // no unnamed model: the first one is the root
    }
    if (!sink_.empty()) return sink_.ToStatus();
    p.warnings.insert(p.warnings.end(), warnings_.begin(), warnings_.end());
    return p;
  }

 private:
  std::pair<int, int> LineCol(ptrdiff_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), size_t(offset));
    int line = static_cast<int>(it - line_starts_.begin()) + 1;
    size_t start = line == 1 ? 0 : line_starts_[line - 2];
    return {line, static_cast<int>(offset - start) + 1};
  }
  int Line(const pugi::xml_node& n) const { return LineCol(n.offset_debug()).first; }

  double Number(const pugi::xml_node& n, double fallback) {
    if (!n) return fallback;
    std::string s = Trim(n.child_value());
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0') {
      sink_.Add(Location{source_, Line(n), 0, std::string(LocalName(n))},
                "expected a number, found '" + s + "'");
      return fallback;
    }
    if (std::string_view(n.attribute("reciprocal").value()) == "true" && v != 0) v = 1 / v;
    return v;
  }

  // A dimension given by size ("1", "2", ... as element names): a whole number from 1, and small
  // enough that its element names fit in the memory budget. false (with a diagnostic) otherwise.
  bool ReadDimensionSize(const pugi::xml_node& d, Dimension& dim) {
    Location where{source_, Line(d), 0, "dimension '" + dim.name + "'"};
    std::string text = Trim(d.attribute("size").value());
    if (!d.attribute("size")) {
      sink_.Add(where, "expected <elem> elements or a size attribute, found neither");
      return false;
    }
    char* end = nullptr;
    double size = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(size >= 1) || size != std::floor(size)) {
      sink_.Add(where, "expected a size that is a whole number from 1, found '" + text + "'");
      return false;
    }
    // Each element costs its name here and in the compiler's index, and in every variable
    // arrayed over it a slot, nodes and bytecode (the compiler's estimate per scalar).
    constexpr double kBytesPerElement = 400;
    if (!core::FitsMemory(size * kBytesPerElement)) {
      sink_.Add(where, fmt::format("a size of {} elements: one variable arrayed over it would "
                                   "need {}",
                                   text, core::MemoryNeedText(size * kBytesPerElement)));
      return false;
    }
    for (int i = 1; i <= static_cast<int>(size); ++i) dim.elements.push_back(std::to_string(i));
    return true;
  }

  // No <sim_specs> is refused: a run over a guessed time horizon (0 to 10 by 1) looks like a
  // result and is not one. Inside, <start> and <stop> are required; <dt> defaults to 1 (XMILE).
  void ReadSpecs(const pugi::xml_node& root, const pugi::xml_node& s, SimSpecs& specs) {
    if (!s) {
      sink_.Add(Location{source_, Line(root), 0, "sim_specs"},
                "expected a <sim_specs> element with <start>, <stop> and <dt>, found none (the "
                "time horizon is not guessed)");
      return;
    }
    for (const char* required : {"start", "stop"}) {
      if (!Child(s, required)) {
        sink_.Add(Location{source_, Line(s), 0, "sim_specs"},
                  std::string("expected <") + required + "> in <sim_specs>, found none");
      }
    }
    specs.start = Number(Child(s, "start"), 0);
    specs.stop = Number(Child(s, "stop"), 10);
    specs.dt = Number(Child(s, "dt"), 1);
    specs.save_step = Number(Child(s, "savestep"), 0);
    if (specs.save_step == 0) specs.save_step = Number(Child(s, "save_step"), 0);
    for (pugi::xml_attribute a : s.attributes()) {
      std::string_view n = a.name();
      if (n == "isee:save_interval" || n == "save_interval") specs.save_step = a.as_double();
    }
    std::string method = Trim(s.attribute("method").value());
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    if (method == "rk4") {
      specs.method = Method::kRk4;
    } else if (method == "rk2" || method == "heun") {
      specs.method = Method::kRk2;
    }
    specs.time_units = s.attribute("time_units").value();
  }

  void ReadDimensions(const pugi::xml_node& dims, std::vector<Dimension>& out) {
    for (pugi::xml_node d : dims.children()) {
      if (LocalName(d) != "dim") continue;
      Dimension dim;
      dim.name = d.attribute("name").value();
      for (pugi::xml_node e : d.children()) {
        if (LocalName(e) == "elem") dim.elements.push_back(e.attribute("name").value());
      }
      if (dim.elements.empty() && !ReadDimensionSize(d, dim)) continue;
      out.push_back(std::move(dim));
    }
  }

  std::vector<double> Points(const pugi::xml_node& n) {
    std::vector<double> out;
    std::string sep = n.attribute("sep").value();
    char delim = sep.empty() ? ',' : sep[0];
    std::string text = n.child_value();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, delim)) {
      std::string t = Trim(item);
      if (t.empty()) continue;
      char* end = nullptr;
      double v = std::strtod(t.c_str(), &end);
      if (*end != '\0') {
        sink_.Add(Location{source_, Line(n), 0, std::string(LocalName(n))},
                  "expected a number in the point list, found '" + t + "'");
      }
      out.push_back(v);
    }
    return out;
  }

  std::optional<GraphicalFunction> ReadGf(const pugi::xml_node& g, const std::string& var) {
    if (!g) return std::nullopt;
    GraphicalFunction gf;
    gf.line = Line(g);
    std::string type = g.attribute("type").value();
    if (type == "extrapolate") gf.kind = GraphicalFunction::Kind::kExtrapolate;
    if (type == "discrete" || std::string_view(g.attribute("discrete").value()) == "true") {
      gf.kind = GraphicalFunction::Kind::kDiscrete;
    }
    gf.ys = Points(Child(g, "ypts"));
    pugi::xml_node xpts = Child(g, "xpts");
    pugi::xml_node xscale = Child(g, "xscale");
    if (xpts) {
      gf.xs = Points(xpts);
    } else if (xscale) {
      double lo = xscale.attribute("min").as_double(), hi = xscale.attribute("max").as_double();
      size_t n = gf.ys.size();
      for (size_t i = 0; i < n; ++i) gf.xs.push_back(n == 1 ? lo : lo + (hi - lo) * i / (n - 1));
    } else {
      sink_.Add(Location{source_, gf.line, 0, var},
                "graphical function needs <xpts> or <xscale>, found neither");
    }
    if (gf.xs.size() != gf.ys.size()) {
      sink_.Add(Location{source_, gf.line, 0, var},
                "graphical function has " + std::to_string(gf.xs.size()) + " x values but " +
                    std::to_string(gf.ys.size()) + " y values");
    }
    return gf;
  }

  Equation Eqn(const pugi::xml_node& n) {
    Equation e;
    if (!n) return e;
    pugi::xml_node text = n.first_child();
    e.text = n.child_value();
    e.line = Line(text ? text : n);
    if (text) std::tie(e.line, e.column) = LineCol(text.offset_debug());
    return e;
  }

  Variable ReadVariable(const pugi::xml_node& v, std::string_view kind) {
    Variable var;
    var.kind = kind == "stock"    ? Variable::Kind::kStock
               : kind == "flow"   ? Variable::Kind::kFlow
               : kind == "module" ? Variable::Kind::kModule
                                  : Variable::Kind::kAux;
    var.name = v.attribute("name").value();
    var.line = Line(v);
    var.eqn = Eqn(Child(v, "eqn"));
    var.init_eqn = Eqn(Child(v, "init_eqn"));
    var.gf = ReadGf(Child(v, "gf"), var.name);
    if (kind == "gf") var.gf = ReadGf(v, var.name);
    var.units = Trim(Child(v, "units").child_value());
    var.doc = Trim(Child(v, "doc").child_value());
    pugi::xml_node nn = Child(v, "non_negative");
    std::string nn_text = Trim(nn.child_value());
    std::transform(nn_text.begin(), nn_text.end(), nn_text.begin(), ::tolower);
    var.non_negative = nn ? nn_text != "false"
                          : (var.kind == Variable::Kind::kStock  ? default_stock_nn_
                             : var.kind == Variable::Kind::kFlow ? default_flow_nn_
                                                                 : false);
    for (pugi::xml_node d : Child(v, "dimensions").children()) {
      if (LocalName(d) == "dim") var.dims.push_back(d.attribute("name").value());
    }
    for (pugi::xml_node c : v.children()) {
      std::string_view ln = LocalName(c);
      if (ln == "stock" || ln == "flow" || ln == "aux" || ln == "module") {
        warnings_.push_back(source_ + ":" + std::to_string(Line(c)) + ": <" + std::string(ln) +
                            " name=\"" + c.attribute("name").value() + "\"> inside <" +
                            std::string(kind) + " name=\"" + var.name + "\"> is ignored");
      }
      if (ln == "inflow") var.inflows.push_back(Trim(c.child_value()));
      if (ln == "outflow") var.outflows.push_back(Trim(c.child_value()));
      if (ln == "connect") {
        var.connections.emplace_back(c.attribute("to").value(), c.attribute("from").value());
      }
      // xmutil writes one bare <eqn> per element, in element order, for some arrays.
      if (ln == "eqn" && c != Child(v, "eqn") && !var.dims.empty()) {
        if (var.elements.empty()) var.elements.push_back(ElementDef{{}, var.eqn, std::nullopt});
        var.elements.push_back(ElementDef{{}, Eqn(c), std::nullopt});
      }
      if (ln == "element") {
        ElementDef el;
        std::stringstream ss(c.attribute("subscript").value());
        std::string part;
        while (std::getline(ss, part, ',')) el.subscript.push_back(Trim(part));
        el.eqn = Eqn(Child(c, "eqn"));
        el.gf = ReadGf(Child(c, "gf"), var.name);
        var.elements.push_back(std::move(el));
      }
    }
    var.module_model = var.name;
    return var;
  }

  Model ReadModel(const pugi::xml_node& m) {
    Model model;
    model.name = m.attribute("name").value();
    // Legacy Stella files put the variables directly under <model>.
    pugi::xml_node vars = Child(m, "variables") ? Child(m, "variables") : m;
    for (pugi::xml_node v : vars.children()) {
      std::string_view kind = LocalName(v);
      if (kind == "stock" || kind == "flow" || kind == "aux" || kind == "module" || kind == "gf") {
        model.variables.push_back(ReadVariable(v, kind));
      }
    }
    return model;
  }

  Macro ReadMacro(const pugi::xml_node& m) {
    Macro macro;
    macro.name = m.attribute("name").value();
    for (pugi::xml_node c : m.children()) {
      if (LocalName(c) == "parm") macro.params.push_back(Trim(c.child_value()));
    }
    macro.eqn = Eqn(Child(m, "eqn"));
    for (pugi::xml_node v : Child(m, "variables").children()) {
      std::string_view kind = LocalName(v);
      if (kind == "stock" || kind == "flow" || kind == "aux") {
        macro.variables.push_back(ReadVariable(v, kind));
      }
    }
    return macro;
  }

  std::string text_;
  std::string source_;
  std::vector<size_t> line_starts_;
  XmileOptions options_;
  std::vector<std::string> warnings_;
  DiagnosticSink sink_;
  bool default_stock_nn_ = false;
  bool default_flow_nn_ = false;
};

// Universal newlines: CR-only and CRLF files become LF so that offsets map to lines.
std::string NormaliseNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

core::Result<Project> ReadXmile(std::string_view text, std::string source,
                                const XmileOptions& options) {
  Reader reader(NormaliseNewlines(text), std::move(source), options);
  return reader.Run();
}

core::Result<Project> ReadXmileFile(const std::filesystem::path& path,
                                    const XmileOptions& options) {
  DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(path));
  return ReadXmile(text, path.string(), options);
}

}  // namespace duckweed::sd
