// The domains of a local transition (energy; building and housing; food and agriculture; nature
// and green belts; mobility; economy; participation and governance; heritage and culture; social
// cohesion), read from the documented data file src/systemic/domains.json that ships inside the
// binary, with ADEME's (Territoires en Transitions) theme ids mapped onto them.
//
// Thread safety: Taxonomy is immutable; Default() is safe to call from any thread.
#ifndef DUCKWEED_SYSTEMIC_TAXONOMY_H_
#define DUCKWEED_SYSTEMIC_TAXONOMY_H_

#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"

namespace duckweed::evaluate {

struct Domain {
  std::string id;    // snake_case key used in files: "energy", "nature_green_belts", ...
  std::string name;  // human label
  std::string description;
  std::vector<std::string> aliases;                 // other accepted names ("housing")
  std::vector<std::string> ademe_thematiques;       // indicator theme ids
  std::vector<std::string> ademe_personnalisation;  // questionnaire theme ids
};

class Taxonomy {
 public:
  // The built-in taxonomy (parsed once).
  static const Taxonomy& Default();
  // Parses the domains.json shape. Errors: invalid JSON, missing id, duplicate id, an ADEME id
  // mapped to two domains.
  static core::Result<Taxonomy> Parse(const std::string& text, const std::string& source);

  const std::vector<Domain>& domains() const { return domains_; }
  const Domain* Find(const std::string& id) const;
  // The domain an ADEME theme id maps to (indicator or questionnaire theme), or nullptr.
  const Domain* FromAdemeTheme(const std::string& theme) const;
  // The domain named by an id, an alias or an ADEME theme id, or nullptr.
  const Domain* Resolve(const std::string& name) const;
  // NotFound naming the id and listing the known ones.
  core::Status RequireKnown(const std::string& id, const core::Location& where) const;

 private:
  std::vector<Domain> domains_;
};

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_TAXONOMY_H_
