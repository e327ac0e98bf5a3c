// The headers nearly every test file includes, compiled once for every test binary
// (gantry_test_pch in tests/CMakeLists.txt): it saves parsing gtest, gmock, the JSON
// library and Abseil again for each binary (~10% of a cold build). Test files still
// include what they use; this only makes it cheaper.
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
