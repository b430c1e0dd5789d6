#include "cli/verbs_import_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "duckweed/store/table_import.h"

namespace duckweed::cli {

using core::Result;
using core::Status;
using Json = nlohmann::ordered_json;

namespace {

constexpr const char* kOptions[] = {"--map",        "--levels",         "--na",      "--on-unknown",
                                    "--on-bad-row", "--on-duplicate",   "--network", "--new-id",
                                    "--new-kind",   "--source-address", "--licence", "--max-km"};

Result<store::TableImportSpec> MakeSpec(const ImportTableArgs& args) {
  store::TableImportSpec spec;
  DUCKWEED_ASSIGN_OR_RETURN(spec.map, store::ParseColumnMap(args.map));
  DUCKWEED_ASSIGN_OR_RETURN(spec.on_unknown, store::ParseOnUnknown(args.on_unknown));
  for (const auto& [name, value, flag] :
       {std::tuple{"--on-bad-row", &args.on_bad_row, &spec.skip_bad_rows},
        std::tuple{"--on-duplicate", &args.on_duplicate, &spec.skip_duplicates}}) {
    if (*value != "fail" && *value != "skip") {
      return Status::Usage(fmt::format("{}: expected fail or skip, found '{}'", name, *value));
    }
    *flag = *value == "skip";
  }
  for (const auto& text : args.levels) {
    DUCKWEED_ASSIGN_OR_RETURN(auto levels, store::ParseLevels(text));
    spec.levels[levels.first] = std::move(levels.second);
  }
  if (!args.na.empty()) spec.na = args.na;
  if (!(args.max_km > 0)) return Status::Usage("--max-km: expected a positive distance");
  spec.network = args.network;
  spec.new_id = args.new_id;
  spec.new_kind = args.new_kind;
  spec.address = args.address;
  spec.licence = args.licence;
  spec.max_km = args.max_km;
  return spec;
}

std::string Thousands(size_t n) {
  std::string digits = fmt::format("{}", n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void PrintSummary(const std::string& file, const store::TableImportSpec& spec,
                  const store::TableImportSummary& s) {
  std::printf("imported table %s (source #%lld): %s rows: %s matched, %s created, %s skipped\n",
              file.c_str(), static_cast<long long>(s.source_id), Thousands(s.rows).c_str(),
              Thousands(s.matched).c_str(), Thousands(s.created).c_str(),
              Thousands(s.skipped.size()).c_str());
  std::printf("stored %s attribute values", Thousands(s.attributes).c_str());
  if (!spec.network.empty()) {
    std::printf(", %s memberships of %s", Thousands(s.memberships).c_str(), spec.network.c_str());
  }
  std::printf("\n");
  if (s.skipped.empty()) return;
  std::map<std::string, size_t> reasons;
  for (const auto& k : s.skipped) {
    const size_t cut = std::min(k.why.find(" '"), k.why.find(':'));
    reasons[k.why.substr(0, cut)] += 1;
  }
  std::printf("skipped, by reason:");
  const char* sep = " ";
  for (const auto& [why, n] : reasons) {
    std::printf("%s%s %s", sep, Thousands(n).c_str(), why.c_str());
    sep = "; ";
  }
  std::printf("\n");
  const size_t shown = std::min<size_t>(s.skipped.size(), 5);
  for (size_t i = 0; i < shown; ++i) {
    std::printf("  line %d: %s\n", s.skipped[i].line, s.skipped[i].why.c_str());
  }
  if (shown < s.skipped.size()) {
    std::printf("  ... %s more (--json lists them all)\n",
                Thousands(s.skipped.size() - shown).c_str());
  }
}

}  // namespace

void AddImportTableOptions(CLI::App& import, ImportTableArgs& args) {
  import.add_option("--map", args.map,
                    "import table: COLUMN=FIELD,... with FIELD one of id, name, country, "
                    "latitude, longitude, population, joined, coordinator, supporter, attr:NAME "
                    "(categorical), num:NAME, date:NAME");
  import
      .add_option("--on-unknown", args.on_unknown,
                  "import table: a row matching no territory: fail, skip or create")
      ->capture_default_str();
  import
      .add_option("--on-bad-row", args.on_bad_row,
                  "import table: a row with a bad value (not a date, not a number): fail, or "
                  "skip it and report why")
      ->capture_default_str();
  import
      .add_option("--on-duplicate", args.on_duplicate,
                  "import table: a row naming the territory of an earlier row: fail, or skip "
                  "it and report why")
      ->capture_default_str();
  import.add_option("--network", args.network,
                    "import table: every row is a member of this network (with joined, "
                    "coordinator, supporter)");
  import.add_option("--new-id", args.new_id,
                    "import table: id of created territories, {COLUMN} replaced (com:{id})");
  import.add_option("--new-kind", args.new_kind, "import table: kind of created territories")
      ->capture_default_str();
  import.add_option("--levels", args.levels,
                    "import table: declared values of a categorical attribute, NAME=A,B,C "
                    "(repeatable)");
  import
      .add_option("--na", args.na,
                  "import table: spellings of a missing value (default: empty, -, NA)")
      ->delimiter(',');
  import.add_option(
      "--source-address", args.address,
      "import table: where the file comes from (URL or citation), kept as provenance");
  import.add_option("--licence", args.licence,
                    "import table: the file's licence, kept as provenance");
  import
      .add_option("--max-km", args.max_km,
                  "import table: with coordinates, a name matches places within this distance")
      ->capture_default_str();
}

bool AnyImportTableOption(const CLI::App& import) {
  for (const char* name : kOptions) {
    if (import.count(name) > 0) return true;
  }
  return false;
}

Status RunImportTable(const CliContext& ctx, const std::string& file, const ImportTableArgs& args) {
  if (args.map.empty()) {
    return Status::Usage(
        "import table needs --map COLUMN=FIELD,... (e.g. --map city=name,country=country)");
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto spec, MakeSpec(args));
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
  DUCKWEED_ASSIGN_OR_RETURN(auto summary, store::ImportTable(*db, file, spec));
  if (!ctx.json) {
    PrintSummary(file, spec, summary);
    return Status::Ok();
  }
  Json doc = {{"file", file},
              {"source_id", summary.source_id},
              {"rows", summary.rows},
              {"matched", summary.matched},
              {"created", summary.created},
              {"skipped", summary.skipped.size()},
              {"attributes", summary.attributes},
              {"memberships", summary.memberships}};
  doc["skipped_rows"] = Json::array();
  for (const auto& k : summary.skipped)
    doc["skipped_rows"].push_back({{"line", k.line}, {"why", k.why}});
  std::fputs((doc.dump(2) + "\n").c_str(), stdout);
  return Status::Ok();
}

}  // namespace duckweed::cli
