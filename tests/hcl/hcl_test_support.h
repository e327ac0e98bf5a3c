// Helpers shared by the Terraform configuration reader's tests.
#ifndef GANTRY_TESTS_TERRAFORM_HCL_HCL_TEST_SUPPORT_H_
#define GANTRY_TESTS_TERRAFORM_HCL_HCL_TEST_SUPPORT_H_

#include <ostream>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "hcl/json_parser.h"
#include "hcl/native_parser.h"
#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

// Readable failures: gtest prints these instead of bytes.
inline void PrintTo(const Problem& problem, std::ostream* out) {
  *out << ToString(problem.where) << ": " << problem.message;
}
inline void PrintTo(const Location& where, std::ostream* out) { *out << ToString(where); }
inline void PrintTo(ExprKind kind, std::ostream* out) { *out << ToString(kind); }

/// The attribute `name` of `block`, or (with a test failure) an empty expression.
inline const Expression& AttributeOf(const Block& block, std::string_view name) {
  static const Expression kMissing;
  if (const Expression* found = block.attribute(name)) return *found;
  ADD_FAILURE() << "block " << block.type << " has no attribute '" << name << "'";
  return kMissing;
}

/// The item `key` of an object expression, or (with a test failure) an empty one.
inline const Expression& ItemOf(const Expression& object, std::string_view key) {
  static const Expression kMissing;
  if (const Expression* found = object.item(key)) return *found;
  ADD_FAILURE() << "expression " << object.text << " has no item '" << key << "'";
  return kMissing;
}

/// Every problem on its own line, for failure messages.
inline std::string ProblemsText(const std::vector<Problem>& problems) {
  std::string text;
  for (const Problem& problem : problems)
    text += ToString(problem.where) + ": " + problem.message + "\n";
  return text;
}

/// "line:column", to compare places compactly.
inline std::string LineColumn(const Location& where) {
  return std::to_string(where.line) + ":" + std::to_string(where.column);
}

/// `text` read as main.tf, expecting no problem.
inline File ParseNativeClean(std::string_view text) {
  File file = ParseNative(text, "main.tf");
  EXPECT_TRUE(file.problems.empty()) << ProblemsText(file.problems);
  return file;
}

/// `text` read as main.tf.json, expecting no problem.
inline File ParseJsonClean(std::string_view text) {
  File file = ParseJson(text, "main.tf.json");
  EXPECT_TRUE(file.problems.empty()) << ProblemsText(file.problems);
  return file;
}

/// The value of `x`, the one attribute of native `text`, which must read cleanly.
inline Expression ParseX(std::string_view text) {
  const File file = ParseNativeClean(text);
  if (file.attributes.size() != 1 || file.attributes[0].first != "x") {
    ADD_FAILURE() << "expected only the attribute x in " << text;
    return Expression();
  }
  return file.attributes[0].second;
}

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_TESTS_TERRAFORM_HCL_HCL_TEST_SUPPORT_H_
