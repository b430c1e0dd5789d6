// libFuzzer target: the CSV reader must never crash, hang or read out of bounds, whatever the
// bytes; on success, typed accessors must be safe on every field, the streaming CsvReader must
// yield the same fields, and formula neutralisation must round-trip every field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "duckweed/core/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using duckweed::core::CsvOptions;
  CsvOptions options;
  options.max_line_bytes = 4096;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = duckweed::core::ParseCsv(text, "fuzz.csv", options);
  if (!table.ok()) return 0;
  duckweed::core::DiagnosticSink sink(8);
  auto reader = duckweed::core::CsvReader::FromText(text, "fuzz.csv", options);
  if (reader->header() != table->header()) std::abort();
  for (size_t r = 0; r < table->row_count(); ++r) {
    if (!reader->Next()) std::abort();
    for (size_t c = 0; c < table->column_count(); ++c) {
      const std::string& field = table->text(r, c);
      if (reader->row().text(0, c) != field) std::abort();
      using duckweed::core::NeutraliseCsvCell;
      if (duckweed::core::RestoreCsvCell(NeutraliseCsvCell(field)) != field) std::abort();
      (void)table->Real(r, c, sink, false);
      (void)table->Integer(r, c, sink, false);
      (void)table->Boolean(r, c, sink, false);
    }
  }
  if (reader->Next()) std::abort();
  return 0;
}
