#include "duckweed/core/status.h"

#include <fmt/format.h>

namespace duckweed::core {

std::string Diagnostic::ToString() const {
  std::string out;
  if (!where.source.empty()) {
    out += where.source;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    if (where.column > 0) out += fmt::format(":{}", where.column);
    out += ": ";
  }
  if (!where.field.empty()) out += fmt::format("field '{}': ", where.field);
  out += message;
  return out;
}

namespace {
std::vector<Diagnostic> One(std::string message, Location where) {
  return {Diagnostic{std::move(where), std::move(message)}};
}
}  // namespace

Status Status::InvalidInput(std::string message, Location where) {
  return Status(Code::kInvalidInput, One(std::move(message), std::move(where)));
}
Status Status::Usage(std::string message) {
  return Status(Code::kUsage, One(std::move(message), {}));
}
Status Status::Internal(std::string message) {
  return Status(Code::kInternal, One(std::move(message), {}));
}
Status Status::NotFound(std::string message, Location where) {
  return Status(Code::kNotFound, One(std::move(message), std::move(where)));
}
Status Status::IoError(std::string message, Location where) {
  return Status(Code::kIoError, One(std::move(message), std::move(where)));
}
Status Status::Unauthenticated(std::string message) {
  return Status(Code::kUnauthenticated, One(std::move(message), {}));
}
Status Status::PermissionDenied(std::string message) {
  return Status(Code::kPermissionDenied, One(std::move(message), {}));
}
Status Status::Conflict(std::string message, Location where) {
  return Status(Code::kConflict, One(std::move(message), std::move(where)));
}
Status Status::FromDiagnostics(std::vector<Diagnostic> diagnostics) {
  return Status(Code::kInvalidInput, std::move(diagnostics));
}

std::string Status::message() const {
  return diagnostics_.empty() ? std::string("ok") : diagnostics_.front().ToString();
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  for (const Diagnostic& d : diagnostics_) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}

int Status::ExitCode() const {
  switch (code_) {
    case Code::kOk:
      return 0;
    case Code::kUsage:
      return 2;
    case Code::kInternal:
      return 3;
    default:
      return 1;
  }
}

int Status::HttpStatus() const {
  switch (code_) {
    case Code::kOk:
      return 200;
    case Code::kNotFound:
      return 404;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kConflict:
      return 409;
    case Code::kInternal:
    case Code::kIoError:
      return 500;
    default:
      return 400;
  }
}

void DiagnosticSink::Add(Location where, std::string message) {
  if (kept_.size() >= max_kept_) {
    ++dropped_;
    return;
  }
  kept_.push_back(Diagnostic{std::move(where), std::move(message)});
}

Status DiagnosticSink::ToStatus() const {
  if (kept_.empty()) return Status::Ok();
  std::vector<Diagnostic> all = kept_;
  if (dropped_ > 0) {
    all.push_back(Diagnostic{{}, fmt::format("... and {} more problems not shown", dropped_)});
  }
  return Status::FromDiagnostics(std::move(all));
}

}  // namespace duckweed::core
