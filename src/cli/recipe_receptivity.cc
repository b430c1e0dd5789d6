#include "cli/recipe_receptivity.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

#include "cli/qca_cases_query.h"
#include "cli/qca_cases_table.h"
#include "cli/transfer_recipe.h"
#include "duckweed/core/csv.h"
#include "duckweed/store/recipes.h"
#include "duckweed/transfer/transfer.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;

// A SQLite file that does not exist would be created empty: say where the recipe was looked for.
Status CheckStoreExists(const std::string& address, const std::string& recipe) {
  if (address.starts_with("postgres") || address == ":memory:") return Status::Ok();
  const std::string file = address.starts_with("sqlite:") ? address.substr(7) : address;
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return Status::Ok();
  return Status::NotFound(
      fmt::format("--receptivity-recipe {}: no store at {} to read the recipe from; pass --db "
                  "PATH (the store where `qca --save-recipe` saved it)",
                  recipe, file));
}

Result<std::vector<std::string>> TerritoryCodes(const std::string& nodes_csv) {
  DUCKWEED_ASSIGN_OR_RETURN(const core::CsvTable csv, core::ReadCsvFile(nodes_csv));
  const auto column = csv.ColumnIndex("territory");
  if (!column) {
    return Status::InvalidInput(
        "--receptivity-recipe needs a territory column in the node table (codes like fr:62528, "
        "as `graph places` writes)",
        core::Location{.source = nodes_csv, .field = "territory"});
  }
  std::vector<std::string> codes;
  codes.reserve(csv.row_count());
  for (size_t row = 0; row < csv.row_count(); ++row) codes.push_back(csv.text(row, *column));
  return codes;
}

}  // namespace

std::string ReceptivityReport::Sentence() const {
  std::string out = fmt::format(
      "receptivity  recipe {} ({}{}): membership of {} of the {} nodes from {} (mean {:.2f}, "
      "{:.0f} % above 0.5)",
      receptivity.recipe, expression, context_only ? ", its context conditions only" : "",
      with_data, nodes, store, mean, 100 * held);
  if (with_data < nodes) {
    out += fmt::format(
        "; the {} without data get {:.2f} ({})", nodes - with_data, receptivity.default_membership,
        default_given ? "--receptivity-default" : "the mean; set it with --receptivity-default");
  }
  return out + "\n";
}

nlohmann::ordered_json ReceptivityReport::Json() const {
  return {{"recipe", receptivity.recipe},
          {"expression", expression},
          {"store", store},
          {"nodes", nodes},
          {"nodes_with_data", with_data},
          {"mean_membership", mean},
          {"share_above_half", held},
          {"default_membership", receptivity.default_membership},
          {"default_source", default_given ? "--receptivity-default" : "mean"},
          {"literals", context_only ? "context" : "all"},
          {"formula", "receptivity(v) x membership(v)"}};
}

Result<ReceptivityReport> RecipeReceptivityOfNodes(const CliContext& ctx, const std::string& name,
                                                   const std::string& nodes_csv,
                                                   std::optional<double> default_membership,
                                                   bool context_only) {
  if (default_membership && !(*default_membership >= 0 && *default_membership <= 1)) {
    return Status::InvalidInput(
        fmt::format("expected a default membership in [0,1], found {}", *default_membership),
        core::Location{.field = "receptivity-default"});
  }
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_RETURN_IF_ERROR(CheckStoreExists(path, name));
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<std::string> codes, TerritoryCodes(nodes_csv));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
  DUCKWEED_ASSIGN_OR_RETURN(auto found, store::GetRecipe(*db, name));
  if (!found) {
    return Status::NotFound(fmt::format(
        "--receptivity-recipe: no recipe named '{}' in the store {} (`duckweed recipes list`)",
        name, db->path()));
  }
  const store::RecipeRecord& recipe = *found;
  if (recipe.query.empty()) {
    return Status::Usage(
        fmt::format("recipe '{}' was mined from a plain CSV ({}) without a case base query, so "
                    "the nodes' memberships cannot be computed from the store; mine it from "
                    "`qca cases --out`",
                    name, recipe.data_file));
  }
  if (recipe.terms.empty()) {
    return Status::InvalidInput(fmt::format("recipe '{}' has no terms", name));
  }
  DUCKWEED_ASSIGN_OR_RETURN(CaseQuery query,
                            CaseQueryFromJson(recipe.query, "recipe '" + name + "'"));
  // The nodes' territories in the store, in place of the case base.
  std::map<std::string, std::string> tags;
  for (const auto& c : recipe.conditions) tags[c.name] = c.tag;
  CaseTableRequest request;
  for (const auto& c : query.request.conditions) {
    // Context only: a place lacking a lever's data still has a membership.
    if (!context_only || tags[c.name] == "context") request.conditions.push_back(c);
  }
  request.outcome = query.request.outcome;
  request.outcome_optional = true;
  request.drop_missing = true;
  for (const std::string& code : codes) {
    if (code.empty()) continue;
    DUCKWEED_ASSIGN_OR_RETURN(auto territory, db->FindTerritory(code));
    if (territory && territory->id == code) request.ids.push_back(code);
  }
  ReceptivityReport report;
  report.receptivity.recipe = name;
  report.expression = recipe.expression;
  report.store = db->path();
  report.nodes = codes.size();
  report.default_given = default_membership.has_value();
  report.context_only = context_only;
  if (!request.ids.empty()) {
    auto built = BuildCaseTable(*db, request);
    // "every selected territory lacks data" leaves no membership: the check below says so.
    if (!built.ok() && built.status().code() != core::Code::kInvalidInput) {
      return built.status();
    }
    if (built.ok()) {
      const CaseTable& table = *built;
      // A term without a literal of the kind (context_only: no context condition) is met: 1.
      std::vector<std::vector<std::pair<evaluate::Literal, size_t>>> terms;
      for (const auto& term : recipe.terms) {
        DUCKWEED_ASSIGN_OR_RETURN(const auto literals, evaluate::ParseTerm(term.expression));
        auto& columns = terms.emplace_back();
        for (const auto& lit : literals) {
          if (context_only && tags[lit.condition] != "context") continue;
          const auto it = std::find(table.columns.begin(), table.columns.end(), lit.condition);
          if (it == table.columns.end()) {
            return Status::InvalidInput(
                fmt::format("recipe '{}': condition '{}' of term {} is not in its case base query",
                            name, lit.condition, term.expression));
          }
          columns.emplace_back(lit, static_cast<size_t>(it - table.columns.begin()));
        }
      }
      for (size_t i = 0; i < table.values.size(); ++i) {
        double m = 0;
        for (const auto& term : terms) {
          double t = 1;
          for (const auto& [lit, c] : term) t = std::min(t, LiteralValue(lit, table.values[i][c]));
          m = std::max(m, t);
        }
        report.receptivity.membership[table.territory_ids[i]] = m;
      }
    }
  }
  double sum = 0;
  size_t held = 0;
  for (const std::string& code : codes) {
    const auto it = report.receptivity.membership.find(code);
    if (it == report.receptivity.membership.end()) continue;
    ++report.with_data;
    sum += it->second;
    held += it->second > 0.5;
  }
  if (report.with_data == 0) {
    return Status::InvalidInput(
        fmt::format("--receptivity-recipe {}: none of the {} nodes' territories is in the store "
                    "{} with the data of the recipe's conditions",
                    name, codes.size(), report.store),
        core::Location{.source = nodes_csv, .field = "territory"});
  }
  report.mean = sum / static_cast<double>(report.with_data);
  report.held = static_cast<double>(held) / static_cast<double>(report.with_data);
  report.receptivity.default_membership = default_membership.value_or(report.mean);
  return report;
}

}  // namespace duckweed::cli
