// `duckweed recipes list|show`: the recipes `qca --save-recipe` stored, with their provenance.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/verbs.h"
#include "duckweed/store/recipes.h"

namespace duckweed::cli {
namespace {

using core::Status;

std::string Fit(const std::optional<double>& v) { return v ? fmt::format("{:.3f}", *v) : "n/a"; }

core::Result<std::unique_ptr<store::Store>> Open(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  return store::Store::Open(path);
}

Status List(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, Open(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto recipes, store::ListRecipes(*db));
  if (ctx.json) {
    std::printf("%s", store::RecipesToJsonText(recipes).c_str());
    return Status::Ok();
  }
  if (recipes.empty()) {
    std::printf("no recipes in the store (mine one with `duckweed qca DATA --save-recipe NAME`)\n");
    return Status::Ok();
  }
  for (const auto& r : recipes) {
    std::printf(
        "%-20s %s  %lld cases  %s  consistency %s, coverage %s\n", r.name.c_str(),
        r.created_at.substr(0, 10).c_str(), static_cast<long long>(r.case_count),
        (r.expression.empty() ? "(no solution)" : r.expression + " -> " + r.outcome).c_str(),
        Fit(r.consistency).c_str(), Fit(r.coverage).c_str());
  }
  return Status::Ok();
}

Status Show(const CliContext& ctx, const std::string& name) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, Open(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto recipe, store::GetRecipe(*db, name));
  if (!recipe) {
    return Status::NotFound(
        fmt::format("no recipe named '{}' in the store (`duckweed recipes list`)", name));
  }
  const store::RecipeRecord& r = *recipe;
  if (ctx.json) {
    std::printf("%s\n", store::RecipeToJson(r).c_str());
    return Status::Ok();
  }
  std::printf("recipe %s (mined %s)\n", r.name.c_str(), r.created_at.c_str());
  std::printf("  cases      %lld: %s\n", static_cast<long long>(r.case_count), r.case_base.c_str());
  std::printf("  data       %s\n", r.data_file.c_str());
  std::printf("  outcome    %s%s\n", r.outcome.c_str(),
              r.outcome_definition.empty() ? "" : (" = " + r.outcome_definition).c_str());
  std::printf("  cut-offs   %s\n", r.cutoffs.c_str());
  for (const auto& c : r.conditions) {
    std::printf(
        "  %-10s %-9s %s\n", c.name.c_str(), c.tag.c_str(),
        c.definition.empty() ? "(no definition: a plain CSV column)" : c.definition.c_str());
  }
  std::printf("  solution   %s: %s -> %s  consistency %s, coverage %s\n", r.solution.c_str(),
              r.expression.empty() ? "(none)" : r.expression.c_str(), r.outcome.c_str(),
              Fit(r.consistency).c_str(), Fit(r.coverage).c_str());
  for (const auto& t : r.terms) {
    std::string exemplars;
    const size_t shown = std::min<size_t>(t.exemplars.size(), 5);
    for (size_t i = 0; i < shown; ++i) exemplars += (i ? ", " : "") + t.exemplars[i];
    if (shown < t.exemplars.size()) {
      exemplars += fmt::format(" and {} more", t.exemplars.size() - shown);
    }
    std::printf("  term       %-24s incl %s, cov.r %s; exemplars: %s\n", t.expression.c_str(),
                Fit(t.incl).c_str(), Fit(t.coverage).c_str(),
                exemplars.empty() ? "none" : exemplars.c_str());
  }
  return Status::Ok();
}

}  // namespace

void RegisterRecipeVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* recipes =
      app.add_subcommand("recipes", "Recipes stored by `qca --save-recipe`, with provenance");
  recipes->require_subcommand(1);
  CLI::App* list = recipes->add_subcommand("list", "Every stored recipe: date, cases, fit");
  list->callback(ctx.Bind([&ctx] { return List(ctx); }));
  auto name = std::make_shared<std::string>();
  CLI::App* show = recipes->add_subcommand(
      "show", "One recipe: case base, outcome, cut-offs, conditions with tags, terms, fit");
  show->add_option("name", *name, "Recipe name")->required();
  show->callback(ctx.Bind([&ctx, name] { return Show(ctx, *name); }));
}

}  // namespace duckweed::cli
