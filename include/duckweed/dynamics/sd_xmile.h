// Reading XMILE 1.0 files (and Stella's .stmx flavour, which is XMILE with isee extensions) into
// the neutral model (sd_model.h). Only the model is read; views and interface are ignored.
//
// Thread safety: pure functions.
#ifndef DUCKWEED_DYNAMICS_SD_XMILE_H_
#define DUCKWEED_DYNAMICS_SD_XMILE_H_

#include <filesystem>
#include <string_view>

#include "duckweed/core/result.h"
#include "duckweed/dynamics/sd_model.h"

namespace duckweed::dynamics {

// Parses XMILE text. `source` names the file in diagnostics. Errors: InvalidInput with every
// problem found (malformed XML with its line and column; a numeric field that is not a number;
// a graphical function whose x and y counts differ). Linear in the text's size.
core::Result<Project> ReadXmile(std::string_view text, std::string source);

// Reads and parses a file. Errors: IoError when unreadable, else as ReadXmile.
core::Result<Project> ReadXmileFile(const std::filesystem::path& path);

}  // namespace duckweed::dynamics

#endif  // DUCKWEED_DYNAMICS_SD_XMILE_H_
