// The ecosystem models of a folder: listing, and their description as JSON (app/ecosystem.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "duckweed/app/ecosystem.h"
#include "duckweed/core/file.h"
#include "duckweed/fcm/fcm_io.h"
#include "duckweed/sd/sd_names.h"
#include "duckweed/sd/sd_xmile.h"

namespace duckweed::app {
namespace {

namespace fs = std::filesystem;
using core::Result;
using core::Status;
using nlohmann::ordered_json;

// The number a constant's equation is, or nullopt when it is anything else.
std::optional<double> Literal(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return std::nullopt;
  const size_t end = text.find_last_not_of(" \t\r\n") + 1;
  const std::string s = text.substr(begin, end - begin);
  char* stop = nullptr;
  const double v = std::strtod(s.c_str(), &stop);
  if (stop != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// An edge-list FCM: its first line is `from,to,weight` (or source,target,weight).
bool IsFcmEdgeList(const fs::path& path) {
  auto text = core::ReadFile(path.string());
  if (!text.ok()) return false;
  std::string first = text->substr(0, text->find('\n'));
  if (!first.empty() && first.back() == '\r') first.pop_back();
  return first == "from,to,weight" || first == "source,target,weight";
}

Result<ModelEntry> ReadSd(const fs::path& path) {
  DUCKWEED_ASSIGN_OR_RETURN(sd::Project project, sd::ReadXmileFile(path));
  ModelEntry e;
  e.name = path.stem().string();
  e.kind = "sd";
  e.path = path.string();
  e.title = project.name.empty() ? e.name : project.name;
  e.specs = project.specs;
  e.constants = FindConstants(project);
  for (const sd::Model& m : project.models) {
    if (!m.name.empty()) continue;  // the root model's stocks only
    for (const sd::Variable& v : m.variables) {
      if (v.kind == sd::Variable::Kind::kStock) {
        e.stocks.push_back(sd::DisplayName(v.name));
      }
    }
  }
  return e;
}

Result<ModelEntry> ReadFcm(const fs::path& path) {
  ModelEntry e;
  e.name = path.stem().string();
  e.kind = "fcm";
  e.path = path.string();
  // STEM_fcm*.csv -> STEM_concepts.csv, used when it names every concept of the map.
  const size_t cut = e.name.find("_fcm");
  std::optional<fcm::FcmMap> map;
  if (cut != std::string::npos) {
    const fs::path concepts = path.parent_path() / (e.name.substr(0, cut) + "_concepts.csv");
    if (fs::exists(concepts)) {
      auto with = fcm::ReadFcmFile(path, concepts);
      if (with.ok()) {
        map = std::move(*with);
        e.concepts_path = concepts.string();
      }
    }
  }
  if (!map) {
    DUCKWEED_ASSIGN_OR_RETURN(auto plain, fcm::ReadFcmFile(path));
    map = std::move(plain);
  }
  e.title = fmt::format("{} concepts, {} edges", map->size(), map->edge_count());
  e.concepts = map->concepts();
  for (size_t i = 0; i < map->size(); ++i) e.initial.push_back(map->initial(i));
  return e;
}

}  // namespace

std::vector<SdConstant> FindConstants(const sd::Project& project) {
  std::vector<SdConstant> out;
  if (project.models.empty()) return out;
  for (const sd::Variable& v : project.models[0].variables) {
    if (v.kind != sd::Variable::Kind::kAux || v.gf || !v.dims.empty() || !v.elements.empty() ||
        !v.init_eqn.text.empty()) {
      continue;
    }
    if (auto value = Literal(v.eqn.text)) {
      out.push_back({sd::DisplayName(v.name), *value, v.units, v.doc});
    }
  }
  return out;
}

Status SetConstants(sd::Project& project, const std::map<std::string, double>& values) {
  if (values.empty()) return Status::Ok();
  if (project.models.empty()) return Status::InvalidInput("the model has no variables to set");
  std::vector<std::string> known;
  for (const SdConstant& c : FindConstants(project)) known.push_back(c.name);
  core::DiagnosticSink sink;
  for (const auto& [name, value] : values) {
    const core::Location where{"", 0, 0, "constants." + name};
    const std::string key = sd::CanonicalName(name);
    auto& vars = project.models[0].variables;
    auto found = std::find_if(vars.begin(), vars.end(), [&](const sd::Variable& v) {
      return sd::CanonicalName(v.name) == key;
    });
    const bool constant =
        found != vars.end() &&
        std::find(known.begin(), known.end(), sd::DisplayName(found->name)) != known.end();
    if (!constant) {
      sink.Add(where, fmt::format("'{}' is not a constant of the model; its constants: {}", name,
                                  fmt::join(known, ", ")));
      continue;
    }
    if (!std::isfinite(value)) {
      sink.Add(where, "expected a finite number");
      continue;
    }
    found->eqn.text = fmt::format("{}", value);
  }
  return sink.ToStatus();
}

Result<std::vector<ModelEntry>> ListModels(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Status::IoError(fmt::format("no folder of models '{}'", folder), {folder});
  }
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(folder, ec)) {
    if (item.is_regular_file()) files.push_back(item.path());
  }
  if (ec) return Status::IoError(fmt::format("cannot list '{}': {}", folder, ec.message()));
  std::sort(files.begin(), files.end());
  std::vector<ModelEntry> out;
  for (const fs::path& path : files) {
    if (path.extension() == ".xmile") {
      DUCKWEED_ASSIGN_OR_RETURN(ModelEntry e, ReadSd(path));
      out.push_back(std::move(e));
    } else if (path.extension() == ".csv" && IsFcmEdgeList(path)) {
      DUCKWEED_ASSIGN_OR_RETURN(ModelEntry e, ReadFcm(path));
      out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ModelEntry& a, const ModelEntry& b) { return a.name < b.name; });
  return out;
}

Result<ModelEntry> FindModel(const std::string& folder, const std::string& name) {
  DUCKWEED_ASSIGN_OR_RETURN(auto models, ListModels(folder));
  std::vector<std::string> names;
  for (ModelEntry& m : models) {
    if (m.name == name) return std::move(m);
    names.push_back(m.name);
  }
  return Status::NotFound(
      fmt::format("no model '{}'; the models are: {}", name, fmt::join(names, ", ")));
}

ordered_json ModelsJson(const std::vector<ModelEntry>& models) {
  ordered_json out = ordered_json::array();
  for (const ModelEntry& m : models) {
    ordered_json j = {{"name", m.name},
                      {"kind", m.kind},
                      {"title", m.title},
                      {"path", fs::path(m.path).filename().string()}};
    if (m.kind == "sd") {
      j["start"] = m.specs.start;
      j["stop"] = m.specs.stop;
      j["dt"] = m.specs.dt;
      j["time_units"] = m.specs.time_units;
      ordered_json constants = ordered_json::array();
      for (const SdConstant& c : m.constants) {
        constants.push_back(
            {{"name", c.name}, {"value", c.value}, {"units", c.units}, {"doc", c.doc}});
      }
      j["constants"] = std::move(constants);
      j["stocks"] = m.stocks;
    } else {
      ordered_json concepts = ordered_json::array();
      for (size_t i = 0; i < m.concepts.size(); ++i) {
        concepts.push_back(
            {{"name", m.concepts[i]},
             {"initial", m.initial[i] ? ordered_json(*m.initial[i]) : ordered_json(nullptr)}});
      }
      j["concepts"] = std::move(concepts);
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace duckweed::app
