// Shared state of one `duckweed` invocation: global options and the outcome of the verb that ran.
// Verbs are registered by one function per module (verbs.h); each verb's callback returns a Status,
// and main() turns it into the exit code and a message on stderr.
#ifndef DUCKWEED_CLI_CLI_CONTEXT_H_
#define DUCKWEED_CLI_CLI_CONTEXT_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "duckweed/core/status.h"

namespace duckweed::cli {

struct CliContext {
  std::string db_path;  // --db, else $DUCKWEED_DB, else the XDG data directory default
  bool json = false;    // --json: machine-readable output on stdout
  core::Status outcome;
  bool parse_only = false;  // verbs parse their options but do not run (the CLI fuzz target)

  // Wraps a verb body so that its Status becomes the process outcome.
  std::function<void()> Bind(std::function<core::Status()> body) {
    return [this, body = std::move(body)] { outcome = parse_only ? core::Status::Ok() : body(); };
  }
};

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_CLI_CONTEXT_H_
