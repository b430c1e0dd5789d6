// libFuzzer target: the whole `duckweed` command line (cli/app.h) on hostile argv. The input is
// split at NUL bytes into arguments after "duckweed"; the app is built as main() builds it and
// parsed in parse-only mode (CliContext::parse_only), so option parsing, conversions and
// validators run but no verb body does: nothing is read, written or computed, and every input
// takes microseconds. CLI11's parse errors are the expected refusals (exit 2); anything else
// escaping the parse is a bug (main() would report it as an internal error, exit 3).
#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/app.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args = {"duckweed"};
  std::string current;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(std::move(current));
      current.clear();
    } else {
      current += static_cast<char>(data[i]);
    }
  }
  args.push_back(std::move(current));
  if (args.size() > 64) return 0;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  duckweed::cli::CliContext ctx;
  ctx.parse_only = true;
  CLI::App app{"duckweed"};
  duckweed::cli::BuildApp(app, ctx);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError&) {
    return 0;
  }
  return 0;
}
