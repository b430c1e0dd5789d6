// A whole store as one folder of entity files.
#include <fmt/format.h>

#include "duckweed/core/file.h"
#include "duckweed/store/exchange.h"
#include "duckweed/store/recipes.h"

namespace duckweed::store {

using core::Result;
using core::Status;

namespace {

// Dependency order: territories and indicators before what refers to them.
constexpr Entity kOrder[] = {Entity::kTerritories, Entity::kIndicators, Entity::kObservations,
                             Entity::kInitiatives};

std::filesystem::path EntityFile(const std::filesystem::path& dir, Entity entity, Format format) {
  return dir / fmt::format("{}.{}", EntityName(entity), format == Format::kJson ? "json" : "csv");
}

}  // namespace

Result<std::vector<std::filesystem::path>> ExportAll(Store& store, const std::filesystem::path& dir,
                                                     Format format) {
  std::error_code error;
  if (std::filesystem::exists(dir, error) && !std::filesystem::is_directory(dir, error)) {
    return Status::IoError(fmt::format("'{}' exists and is not a folder", dir.string()));
  }
  // The whole export comes from one snapshot (a read transaction), then the files are written.
  std::vector<std::string> texts;
  std::vector<RecipeRecord> recipes;
  DUCKWEED_RETURN_IF_ERROR(store.InSnapshot([&]() -> Status {
    for (Entity entity : kOrder) {
      DUCKWEED_ASSIGN_OR_RETURN(std::string text, ExportText(store, entity, format));
      texts.push_back(std::move(text));
    }
    DUCKWEED_ASSIGN_OR_RETURN(recipes, ListRecipes(store));
    return Status::Ok();
  }));
  std::filesystem::create_directory(dir, error);
  if (error) {
    return Status::IoError(
        fmt::format("cannot create folder '{}': {}", dir.string(), error.message()));
  }
  std::vector<std::filesystem::path> files;
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    files.push_back(EntityFile(dir, kOrder[i], format));
    DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(files.back(), texts[i]));
  }
  if (!recipes.empty()) {
    files.push_back(dir / "recipes.json");
    DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(files.back(), RecipesToJsonText(recipes)));
  }
  return files;
}

Result<std::vector<EntityImport>> ImportAll(Store& store, const std::filesystem::path& dir,
                                            Format format, core::Progress* progress) {
  std::vector<EntityImport> found;
  for (Entity entity : kOrder) {
    std::filesystem::path file = EntityFile(dir, entity, format);
    if (std::filesystem::is_regular_file(file)) {
      found.push_back({entity, std::move(file), 0, std::string(EntityName(entity))});
    }
  }
  const std::filesystem::path recipes_file = dir / "recipes.json";
  const bool has_recipes = std::filesystem::is_regular_file(recipes_file);
  if (found.empty() && !has_recipes) {
    return Status::NotFound(
        fmt::format("no entity files in '{}' (expected territories, indicators, observations or "
                    "initiatives .{}, or recipes.json)",
                    dir.string(), format == Format::kJson ? "json" : "csv"));
  }
  DUCKWEED_RETURN_IF_ERROR(store.InTransaction([&]() -> Status {
    for (EntityImport& item : found) {
      DUCKWEED_ASSIGN_OR_RETURN(ImportSummary summary,
                                ImportFile(store, item.entity, item.file, format, progress));
      item.rows = summary.rows;
    }
    if (has_recipes) {
      DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(recipes_file));
      DUCKWEED_ASSIGN_OR_RETURN(auto recipes, RecipesFromJsonText(text, recipes_file.string()));
      for (const auto& r : recipes) DUCKWEED_RETURN_IF_ERROR(SaveRecipe(store, r, true));
      found.push_back({Entity::kTerritories, recipes_file, recipes.size(), "recipes"});
    }
    return Status::Ok();
  }));
  return found;
}

}  // namespace duckweed::store
