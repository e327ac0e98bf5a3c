// The headers nearly every test file includes, compiled once per test binary
// (target_precompile_headers in tests/CMakeLists.txt): parsing gtest, gmock, the JSON
// library and Abseil's strings took about half of each test file's compile time. Test
// files still include what they use; this only makes it cheaper.
#ifndef GANTRY_TESTS_TESTING_PRECOMPILED_H_
#define GANTRY_TESTS_TESTING_PRECOMPILED_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

#endif  // GANTRY_TESTS_TESTING_PRECOMPILED_H_
