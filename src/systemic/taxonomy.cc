#include "duckweed/systemic/taxonomy.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "duckweed/core/json.h"
#include "systemic/domains_data.h"

namespace duckweed::evaluate {

using core::Result;
using core::Status;

const Taxonomy& Taxonomy::Default() {
  static const Taxonomy taxonomy = [] {
    auto parsed = Parse(internal::DomainsJson(), "domains.json");
    return parsed.ok() ? std::move(parsed).value() : Taxonomy();
  }();
  return taxonomy;
}

Result<Taxonomy> Taxonomy::Parse(const std::string& text, const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(const nlohmann::json doc, core::ParseJson(text, source));
  if (!doc.is_object() || !doc.contains("domains") || !doc["domains"].is_array()) {
    return Status::InvalidInput("expected an object with a \"domains\" array", {source});
  }
  Taxonomy t;
  std::map<std::string, std::string> theme_owner;
  for (const auto& d : doc["domains"]) {
    Domain domain;
    domain.id = d.value("id", "");
    if (domain.id.empty()) return Status::InvalidInput("a domain without an id", {source});
    if (t.Find(domain.id)) {
      return Status::InvalidInput(fmt::format("domain '{}' defined twice", domain.id), {source});
    }
    domain.name = d.value("name", domain.id);
    domain.description = d.value("description", "");
    domain.aliases = d.value("aliases", std::vector<std::string>{});
    domain.ademe_thematiques = d.value("ademe_thematiques", std::vector<std::string>{});
    domain.ademe_personnalisation = d.value("ademe_personnalisation", std::vector<std::string>{});
    for (const auto* list :
         {&domain.aliases, &domain.ademe_thematiques, &domain.ademe_personnalisation}) {
      for (const auto& theme : *list) {
        auto [it, inserted] = theme_owner.emplace(theme, domain.id);
        if (!inserted && it->second != domain.id) {
          return Status::InvalidInput(fmt::format("ADEME theme '{}' mapped to both '{}' and '{}'",
                                                  theme, it->second, domain.id),
                                      {source});
        }
      }
    }
    t.domains_.push_back(std::move(domain));
  }
  return t;
}

const Domain* Taxonomy::Find(const std::string& id) const {
  for (const auto& d : domains_) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

const Domain* Taxonomy::FromAdemeTheme(const std::string& theme) const {
  for (const auto& d : domains_) {
    for (const auto* list : {&d.ademe_thematiques, &d.ademe_personnalisation}) {
      for (const auto& t : *list) {
        if (t == theme) return &d;
      }
    }
  }
  return nullptr;
}

const Domain* Taxonomy::Resolve(const std::string& name) const {
  if (const Domain* d = Find(name)) return d;
  for (const auto& d : domains_) {
    for (const auto& alias : d.aliases) {
      if (alias == name) return &d;
    }
  }
  return FromAdemeTheme(name);
}

core::Status Taxonomy::RequireKnown(const std::string& id, const core::Location& where) const {
  if (Find(id)) return Status::Ok();
  std::vector<std::string> ids;
  for (const auto& d : domains_) ids.push_back(d.id);
  return Status::InvalidInput(
      fmt::format("unknown domain '{}': expected one of {}", id, fmt::join(ids, ", ")), where);
}

}  // namespace duckweed::evaluate
