// Status: the outcome of an operation that can fail for reasons outside the program's control
// (bad input, an unwritable file). Errors are values at module edges; asserts are for programmer
// errors only.
//
// A Status carries a stable Code (mapped to CLI exit codes and HTTP statuses) and a list of
// Diagnostics, so parsers can report every problem they found rather than the first one.
//
// Thread safety: a Status is a value; distinct objects may be used from distinct threads.
#ifndef DUCKWEED_CORE_STATUS_H_
#define DUCKWEED_CORE_STATUS_H_

#include <string>
#include <string_view>
#include <vector>

namespace duckweed::core {

// Stable error codes. Never renumber: scripts and the HTTP API depend on them.
enum class Code : int {
  kOk = 0,
  kInvalidInput = 1,      // the user's data or arguments are wrong: exit code 1
  kUsage = 2,             // the command line is wrong: exit code 2
  kInternal = 3,          // a bug or an environment failure we did not expect: exit code 3
  kNotFound = 4,          // a named entity does not exist (exit code 1, HTTP 404)
  kIoError = 5,           // a file or database could not be read or written (exit code 1)
  kUnauthenticated = 6,   // no or an unknown credential (exit code 1, HTTP 401)
  kPermissionDenied = 7,  // a known account without the right (exit code 1, HTTP 403)
  kConflict = 8,  // the data changed since the caller read it; reread and retry (exit 1, HTTP 409)
};

// Where a problem is: a file (or other source name), an optional 1-based line and column, and an
// optional field (column name, JSON path, variable name). Unknown parts are 0 or empty.
struct Location {
  std::string source;
  int line = 0;
  int column = 0;
  std::string field;
};

// One problem, phrased as what was expected and what was found.
struct Diagnostic {
  Location where;
  std::string message;
  // "file:line:column: field 'x': message", omitting the parts that are unknown.
  std::string ToString() const;
};

class Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message, Location where = {});
  static Status Usage(std::string message);
  static Status Internal(std::string message);
  static Status NotFound(std::string message, Location where = {});
  static Status IoError(std::string message, Location where = {});
  static Status Unauthenticated(std::string message);
  static Status PermissionDenied(std::string message);
  static Status Conflict(std::string message, Location where = {});
  // An InvalidInput status carrying every diagnostic collected. REQUIRES: !diagnostics.empty().
  static Status FromDiagnostics(std::vector<Diagnostic> diagnostics);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  // The first diagnostic's message, or "ok".
  std::string message() const;
  // Every diagnostic, one per line.
  std::string ToString() const;
  // Process exit code for this status: 0 ok, 1 bad input / not found / io, 2 usage, 3 internal.
  int ExitCode() const;
  // HTTP status for this status: 200, 400, 401, 403, 404, 409, 500.
  int HttpStatus() const;

 private:
  Status(Code code, std::vector<Diagnostic> diagnostics)
      : code_(code), diagnostics_(std::move(diagnostics)) {}

  Code code_ = Code::kOk;
  std::vector<Diagnostic> diagnostics_;
};

// Collects diagnostics during a pass over an input, so that all problems are reported at once.
// Caps the number kept (the count of dropped ones is reported) so that an enormous bad file does
// not exhaust memory.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(size_t max_kept = 100) : max_kept_(max_kept) {}
  void Add(Location where, std::string message);
  bool empty() const { return kept_.empty(); }
  size_t count() const { return kept_.size() + dropped_; }
  // Ok when nothing was added; otherwise an InvalidInput status with every kept diagnostic (and a
  // final one saying how many were not shown).
  Status ToStatus() const;

 private:
  size_t max_kept_;
  size_t dropped_ = 0;
  std::vector<Diagnostic> kept_;
};

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_STATUS_H_
