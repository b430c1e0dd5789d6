// Result<T>: either a value of T or a non-ok Status. Returned by every fallible function at a
// module edge. Access the value only after checking ok(); doing otherwise is a programmer error.
#ifndef DUCKWEED_CORE_RESULT_H_
#define DUCKWEED_CORE_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "duckweed/core/status.h"

namespace duckweed::core {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace duckweed::core

// Propagate a non-ok Status from an expression returning Status.
#define DUCKWEED_RETURN_IF_ERROR(expr)            \
  do {                                            \
    ::duckweed::core::Status dw_status_ = (expr); \
    if (!dw_status_.ok()) return dw_status_;      \
  } while (false)

#define DUCKWEED_CONCAT_INNER_(a, b) a##b
#define DUCKWEED_CONCAT_(a, b) DUCKWEED_CONCAT_INNER_(a, b)
// Declare `lhs` from a Result-returning expression, or return its Status.
#define DUCKWEED_ASSIGN_OR_RETURN(lhs, expr) \
  DUCKWEED_ASSIGN_OR_RETURN_IMPL_(DUCKWEED_CONCAT_(dw_result_, __LINE__), lhs, expr)
// NOLINTBEGIN(bugprone-macro-parentheses): lhs is a declaration, tmp a name; neither can be
// parenthesised.
#define DUCKWEED_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // DUCKWEED_CORE_RESULT_H_
