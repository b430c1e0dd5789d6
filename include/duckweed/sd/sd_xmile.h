// Reading XMILE 1.0 files (and Stella's .stmx flavour, which is XMILE with isee extensions) into
// the neutral model (sd_model.h). Only the model is read; views and interface are ignored.
//
// Thread safety: pure functions.
#ifndef DUCKWEED_SD_SD_XMILE_H_
#define DUCKWEED_SD_SD_XMILE_H_

#include <filesystem>
#include <string_view>

#include "duckweed/core/result.h"
#include "duckweed/sd/sd_model.h"

namespace duckweed::sd {

struct XmileOptions {
  // Malformed XML: by default an error. With `recover`, the part of the document read before the
  // first XML error is used (an element left open takes what follows it, as libxml2's recover
  // mode does, which PySD uses) and the error becomes a warning in Project::warnings.
  bool recover = false;
};

// Parses XMILE text. `source` names the file in diagnostics. Errors: InvalidInput with every
// problem found (malformed XML with its line and column, unless options.recover; a numeric
// field that is not a number; a graphical function whose x and y counts differ). Linear in the
// text's size.
core::Result<Project> ReadXmile(std::string_view text, std::string source,
                                const XmileOptions& options = {});

// Reads and parses a file. Errors: IoError when unreadable, else as ReadXmile.
core::Result<Project> ReadXmileFile(const std::filesystem::path& path,
                                    const XmileOptions& options = {});

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_XMILE_H_
