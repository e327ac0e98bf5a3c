// Turns a delimited run of native tokens into an Expression: its kind, its text, and the
// items of an object or tuple constructor. Nothing is evaluated.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_EXPRESSION_BUILDER_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_EXPRESSION_BUILDER_H_

#include <cstddef>
#include <string>

#include "hcl/syntax.h"
#include "hcl/token_stream.h"

namespace gantry::terraform::hcl {

class ExpressionBuilder {
 public:
  explicit ExpressionBuilder(TokenStream& tokens) : tokens_(tokens) {}

  /// The expression made of tokens [begin, end), newlines at either end left out.
  /// `depth` counts the constructors around it; past kMaxNesting one is kOther.
  Expression Build(size_t begin, size_t end, int depth);

 private:
  /// The items between an object's braces, which are at begin - 1 and end.
  void AddObjectItems(size_t begin, size_t end, int depth, Expression& object);
  /// The elements between a tuple's brackets.
  void AddTupleElements(size_t begin, size_t end, int depth, Expression& tuple);
  /// Reports a '=' at the expression's own level, or two elements with only a newline
  /// between them: the separator HCL requires is missing.
  void ReportMissingSeparators(size_t begin, size_t end);
  /// A bare name or a plain quoted string as its name; any other key as written.
  std::string KeyName(size_t begin, size_t end) const;
  /// `[for ...` or `{for ...`: a for-expression, not a constructor.
  bool OpensForExpression(size_t open, size_t close) const;

  TokenStream& tokens_;
};

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_EXPRESSION_BUILDER_H_
