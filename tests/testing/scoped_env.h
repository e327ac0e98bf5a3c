// Sets (or unsets) an environment variable for one test, and puts the old value back.
#ifndef GANTRY_TESTS_TESTING_SCOPED_ENV_H_
#define GANTRY_TESTS_TESTING_SCOPED_ENV_H_

#include <stdlib.h>

#include <optional>
#include <string>

namespace gantry::testing {

/// Not thread-safe (setenv): for tests that start no thread while it lives.
class ScopedEnv {
 public:
  /// `value` nullopt: unset.
  ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = getenv(name_.c_str()); old != nullptr) old_ = old;
    Set(value);
  }
  ~ScopedEnv() { Set(old_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  void Set(const std::optional<std::string>& value) {
    if (value) {
      setenv(name_.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }

  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_SCOPED_ENV_H_
