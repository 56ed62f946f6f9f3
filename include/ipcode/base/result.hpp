/// Result<T>: a value or an Error, crossing module boundaries instead of exceptions
/// (g++ 12 has no usable std::expected). An Error carries a kind that only src/cli/ maps to
/// an exit code (SPEC §7) and a message already translated for the user.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace ipcode {

enum class ErrorKind {
  invalid_data,    // 65: YAML syntax, schema, broken references
  missing_input,   // 66: an input file is missing or unreadable
  cannot_write,    // 73: an output cannot be written
  usage,           // 2
  problems_found,  // 1: check/verify found problems
  internal,        // 70: a bug
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;

}  // namespace ipcode
