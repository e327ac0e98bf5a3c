// Where the build's artifacts are and which sanitizer the tests run under, found at run
// time: no test object then depends on its build directory or configuration, so the
// ASan+UBSan build reuses the release build's test objects (tests/CMakeLists.txt).
#ifndef GANTRY_TESTS_TESTING_BUILD_PATHS_H_
#define GANTRY_TESTS_TESTING_BUILD_PATHS_H_

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace gantry::testing {

/// The build tree of the running test binary, which lives in <build>/bin.
inline const std::filesystem::path& BuildDir() {
  static const std::filesystem::path dir =
      std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path();
  return dir;
}

/// A path relative to the build tree (as gantry_test_build_paths in tests/CMakeLists.txt
/// defines them) made absolute.
inline std::string InBuild(std::string_view relative) {
  return (BuildDir() / relative).lexically_normal().string();
}

/// "address" (ASan+UBSan) or "thread" (TSan) when a sanitizer's runtime is linked in, ""
/// otherwise. Asked of the runtime, not of the compiler: the ASan build compiles test code
/// without instrumentation, as the release build does.
inline const std::string& Sanitizer() {
  static const std::string name = dlsym(RTLD_DEFAULT, "__asan_init")   ? "address"
                                  : dlsym(RTLD_DEFAULT, "__tsan_init") ? "thread"
                                                                       : "";
  return name;
}

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_BUILD_PATHS_H_
