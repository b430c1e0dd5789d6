// Internal: one record of an import file seen as named, typed fields, whether it is a CSV row or a
// JSON object, so that each entity's reader is written once. Conversion problems go to the sink
// with the field's location (CSV: file:line:column; JSON: file and the path "[i].field").
#ifndef DUCKWEED_STORE_FIELD_SOURCE_H_
#define DUCKWEED_STORE_FIELD_SOURCE_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/status.h"

namespace duckweed::store::internal {

class FieldSource {
 public:
  virtual ~FieldSource() = default;
  // Absent or empty fields: nullopt (with a diagnostic when required).
  virtual std::optional<std::string> Text(std::string_view field, bool required) = 0;
  virtual std::optional<int64_t> Int(std::string_view field, bool required) = 0;
  virtual std::optional<double> Real(std::string_view field, bool required) = 0;
  // A list of strings: CSV '|'-separated, JSON an array of strings.
  virtual std::vector<std::string> List(std::string_view field) = 0;
  virtual core::Location Where(std::string_view field) const = 0;
  // Whether the record has the field at all (a CSV column, a JSON key that is not null), even
  // when it is empty.
  virtual bool Has(std::string_view field) const = 0;
  core::DiagnosticSink& sink() { return *sink_; }

 protected:
  explicit FieldSource(core::DiagnosticSink* sink) : sink_(sink) {}
  core::DiagnosticSink* sink_;
};

class CsvFieldSource final : public FieldSource {
 public:
  CsvFieldSource(const core::CsvTable& table, core::DiagnosticSink* sink);
  void set_row(size_t row) { row_ = row; }
  std::optional<std::string> Text(std::string_view field, bool required) override;
  std::optional<int64_t> Int(std::string_view field, bool required) override;
  std::optional<double> Real(std::string_view field, bool required) override;
  std::vector<std::string> List(std::string_view field) override;
  core::Location Where(std::string_view field) const override;
  bool Has(std::string_view field) const override { return Column(field, false).has_value(); }

 private:
  std::optional<size_t> Column(std::string_view field, bool required) const;
  const core::CsvTable& table_;
  std::map<std::string, size_t, std::less<>> columns_;
  size_t row_ = 0;
};

class JsonFieldSource final : public FieldSource {
 public:
  JsonFieldSource(std::string source, core::DiagnosticSink* sink)
      : FieldSource(sink), source_(std::move(source)) {}
  void set_record(const nlohmann::json* object, size_t index) {
    object_ = object;
    index_ = index;
  }
  std::optional<std::string> Text(std::string_view field, bool required) override;
  std::optional<int64_t> Int(std::string_view field, bool required) override;
  std::optional<double> Real(std::string_view field, bool required) override;
  std::vector<std::string> List(std::string_view field) override;
  core::Location Where(std::string_view field) const override;
  bool Has(std::string_view field) const override;
  const std::string& source() const { return source_; }

 private:
  // The field's value, or nullptr when absent or null (adding a diagnostic when required).
  const nlohmann::json* Get(std::string_view field, bool required);
  std::string source_;
  const nlohmann::json* object_ = nullptr;
  size_t index_ = 0;
};

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_FIELD_SOURCE_H_
