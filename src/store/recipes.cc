// Recipes with their provenance: three tables of schema 5 (recipe, recipe_condition, recipe_term).
#include "duckweed/store/recipes.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "duckweed/core/json.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Statement;
using nlohmann::ordered_json;

namespace {

Status CheckRecipe(const RecipeRecord& r) {
  const bool name_ok = !r.name.empty() && r.name.size() <= 64 &&
                       r.name.find_first_not_of(
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                           "0123456789_.-") == std::string::npos;
  if (!name_ok) {
    return Status::Usage(fmt::format(
        "recipe name: expected 1-64 characters of letters, digits, '_', '.' or '-', found '{}'",
        r.name));
  }
  for (const auto& c : r.conditions) {
    if (c.tag != "condition" && c.tag != "lever" && c.tag != "context") {
      return Status::Usage(fmt::format(
          "recipe '{}', condition '{}': expected tag lever, context or condition, found '{}'",
          r.name, c.name, c.tag));
    }
  }
  return Status::Ok();
}

std::string JoinExemplars(const std::vector<std::string>& names) {
  return ordered_json(names).dump();
}

std::vector<std::string> SplitExemplars(const std::string& text) {
  auto j = ordered_json::parse(text, nullptr, false);
  if (!j.is_array()) return {};
  std::vector<std::string> out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

Status InsertRecipe(Store& store, const RecipeRecord& r) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement head, Statement::Prepare(store.handle(), R"sql(
    INSERT INTO recipe (name, created_at, data_file, case_base, case_count, outcome,
      outcome_definition, cutoffs, solution, expression, consistency, coverage, query)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"));
  head.Bind(1, r.name);
  head.Bind(2, r.created_at);
  head.Bind(3, r.data_file);
  head.Bind(4, r.case_base);
  head.Bind(5, r.case_count);
  head.Bind(6, r.outcome);
  head.Bind(7, r.outcome_definition);
  head.Bind(8, r.cutoffs);
  head.Bind(9, r.solution);
  head.Bind(10, r.expression);
  head.Bind(11, r.consistency);
  head.Bind(12, r.coverage);
  head.Bind(13, r.query);
  DUCKWEED_RETURN_IF_ERROR(head.Run());
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement cond,
      Statement::Prepare(store.handle(),
                         "INSERT INTO recipe_condition (recipe, position, name, tag, definition) "
                         "VALUES (?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < r.conditions.size(); ++i) {
    cond.Bind(1, r.name);
    cond.Bind(2, static_cast<int64_t>(i + 1));
    cond.Bind(3, r.conditions[i].name);
    cond.Bind(4, r.conditions[i].tag);
    cond.Bind(5, r.conditions[i].definition);
    DUCKWEED_RETURN_IF_ERROR(cond.Run());
  }
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement term,
      Statement::Prepare(store.handle(),
                         "INSERT INTO recipe_term (recipe, position, expression, incl, coverage, "
                         "exemplars) VALUES (?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < r.terms.size(); ++i) {
    term.Bind(1, r.name);
    term.Bind(2, static_cast<int64_t>(i + 1));
    term.Bind(3, r.terms[i].expression);
    term.Bind(4, r.terms[i].incl);
    term.Bind(5, r.terms[i].coverage);
    term.Bind(6, JoinExemplars(r.terms[i].exemplars));
    DUCKWEED_RETURN_IF_ERROR(term.Run());
  }
  return Status::Ok();
}

Status ReadParts(Store& store, RecipeRecord& r) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement cond,
      Statement::Prepare(store.handle(),
                         "SELECT name, tag, definition FROM recipe_condition WHERE recipe = ? "
                         "ORDER BY position"));
  cond.Bind(1, r.name);
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, cond.Step());
    if (!row) break;
    r.conditions.push_back({cond.Text(0), cond.Text(1), cond.Text(2)});
  }
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement term,
      Statement::Prepare(store.handle(),
                         "SELECT expression, incl, coverage, exemplars FROM recipe_term WHERE "
                         "recipe = ? ORDER BY position"));
  term.Bind(1, r.name);
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, term.Step());
    if (!row) break;
    r.terms.push_back(
        {term.Text(0), term.OptReal(1), term.OptReal(2), SplitExemplars(term.Text(3))});
  }
  return Status::Ok();
}

Result<std::vector<RecipeRecord>> Select(Store& store, const std::string* name) {
  std::string sql =
      "SELECT name, created_at, data_file, case_base, case_count, outcome, outcome_definition, "
      "cutoffs, solution, expression, consistency, coverage, query FROM recipe";
  sql += name ? " WHERE name = ?" : " ORDER BY name";
  std::vector<RecipeRecord> out;
  DUCKWEED_RETURN_IF_ERROR(store.InSnapshot([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(store.handle(), sql));
    if (name) stmt.Bind(1, *name);
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      RecipeRecord r;
      r.name = stmt.Text(0);
      r.created_at = stmt.Text(1);
      r.data_file = stmt.Text(2);
      r.case_base = stmt.Text(3);
      r.case_count = stmt.Int(4);
      r.outcome = stmt.Text(5);
      r.outcome_definition = stmt.Text(6);
      r.cutoffs = stmt.Text(7);
      r.solution = stmt.Text(8);
      r.expression = stmt.Text(9);
      r.consistency = stmt.OptReal(10);
      r.coverage = stmt.OptReal(11);
      r.query = stmt.Text(12);
      out.push_back(std::move(r));
    }
    for (auto& r : out) DUCKWEED_RETURN_IF_ERROR(ReadParts(store, r));
    return Status::Ok();
  }));
  return out;
}

ordered_json OptionalJson(const std::optional<double>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

std::optional<double> OptionalFrom(const ordered_json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<double>();
}

}  // namespace

Status SaveRecipe(Store& store, const RecipeRecord& recipe, bool replace) {
  DUCKWEED_RETURN_IF_ERROR(CheckRecipe(recipe));
  return store.InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement exists,
        Statement::Prepare(store.handle(), "SELECT count(*) FROM recipe WHERE name = ?"));
    exists.Bind(1, recipe.name);
    DUCKWEED_ASSIGN_OR_RETURN(bool row, exists.Step());
    if (row && exists.Int(0) > 0) {
      if (!replace) {
        return Status::InvalidInput(fmt::format(
            "a recipe named '{}' is already in the store (choose another name, or --replace)",
            recipe.name));
      }
      DUCKWEED_ASSIGN_OR_RETURN(
          Statement drop, Statement::Prepare(store.handle(), "DELETE FROM recipe WHERE name = ?"));
      drop.Bind(1, recipe.name);
      DUCKWEED_RETURN_IF_ERROR(drop.Run());
    }
    return InsertRecipe(store, recipe);
  });
}

Result<std::vector<RecipeRecord>> ListRecipes(Store& store) { return Select(store, nullptr); }

Result<std::optional<RecipeRecord>> GetRecipe(Store& store, const std::string& name) {
  DUCKWEED_ASSIGN_OR_RETURN(auto found, Select(store, &name));
  if (found.empty()) return std::optional<RecipeRecord>();
  return std::optional<RecipeRecord>(std::move(found.front()));
}

std::string RecipeToJson(const RecipeRecord& r, int indent) {
  ordered_json j;
  j["name"] = r.name;
  j["created_at"] = r.created_at;
  j["data_file"] = r.data_file;
  j["case_base"] = r.case_base;
  j["case_count"] = r.case_count;
  j["outcome"] = r.outcome;
  j["outcome_definition"] = r.outcome_definition;
  j["cutoffs"] = r.cutoffs;
  j["solution"] = r.solution;
  j["expression"] = r.expression;
  j["consistency"] = OptionalJson(r.consistency);
  j["coverage"] = OptionalJson(r.coverage);
  j["conditions"] = ordered_json::array();
  for (const auto& c : r.conditions) {
    j["conditions"].push_back({{"name", c.name}, {"tag", c.tag}, {"definition", c.definition}});
  }
  j["terms"] = ordered_json::array();
  for (const auto& t : r.terms) {
    j["terms"].push_back({{"expression", t.expression},
                          {"incl", OptionalJson(t.incl)},
                          {"coverage", OptionalJson(t.coverage)},
                          {"exemplars", t.exemplars}});
  }
  ordered_json query = ordered_json::parse(r.query, nullptr, false);
  j["query"] = r.query.empty()        ? ordered_json(nullptr)
               : query.is_discarded() ? ordered_json(r.query)
                                      : query;
  return j.dump(indent);
}

std::string RecipesToJsonText(const std::vector<RecipeRecord>& recipes) {
  ordered_json list = ordered_json::array();
  for (const auto& r : recipes) list.push_back(ordered_json::parse(RecipeToJson(r, -1)));
  return list.dump(2) + "\n";
}

Result<std::vector<RecipeRecord>> RecipesFromJsonText(const std::string& text,
                                                      const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(ordered_json doc, core::ParseOrderedJson(text, source));
  if (doc.is_object()) doc = ordered_json::array({doc});
  if (!doc.is_array()) {
    return Status::InvalidInput("expected an array of recipes", {source, 0, 0, ""});
  }
  std::vector<RecipeRecord> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    const ordered_json& j = doc[i];
    try {
      RecipeRecord r;
      r.name = j.at("name").get<std::string>();
      r.created_at = j.at("created_at").get<std::string>();
      r.data_file = j.value("data_file", "");
      r.case_base = j.value("case_base", "");
      r.case_count = j.at("case_count").get<int64_t>();
      r.outcome = j.at("outcome").get<std::string>();
      r.outcome_definition = j.value("outcome_definition", "");
      r.cutoffs = j.value("cutoffs", "");
      r.solution = j.at("solution").get<std::string>();
      r.expression = j.at("expression").get<std::string>();
      r.consistency = OptionalFrom(j, "consistency");
      r.coverage = OptionalFrom(j, "coverage");
      for (const auto& c : j.at("conditions")) {
        r.conditions.push_back({c.at("name").get<std::string>(), c.value("tag", "condition"),
                                c.value("definition", "")});
      }
      for (const auto& t : j.at("terms")) {
        r.terms.push_back({t.at("expression").get<std::string>(), OptionalFrom(t, "incl"),
                           OptionalFrom(t, "coverage"),
                           t.value("exemplars", std::vector<std::string>{})});
      }
      if (j.contains("query") && j["query"].is_string()) {
        r.query = j["query"].get<std::string>();
      } else if (j.contains("query") && !j["query"].is_null()) {
        r.query = j["query"].dump();
      }
      out.push_back(std::move(r));
    } catch (const ordered_json::exception& e) {
      return Status::InvalidInput(fmt::format("expected a recipe: {}", e.what()),
                                  {source, 0, 0, fmt::format("[{}]", i)});
    }
  }
  return out;
}

}  // namespace duckweed::store
