// A whole file as a string, for tests that check what gantry or a plugin wrote.
#ifndef GANTRY_TESTS_TESTING_READ_TEXT_H_
#define GANTRY_TESTS_TESTING_READ_TEXT_H_

#include <fstream>
#include <sstream>
#include <string>

namespace gantry::testing {

/// The file's bytes; "" when it cannot be read.
inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_READ_TEXT_H_
