// What the Terraform configuration readers find: blocks, attributes and expressions as
// written, with their places. Nothing here is evaluated.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_SYNTAX_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_SYNTAX_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gantry::terraform::hcl {

/// A place in a file. `line` and `column` are 1-based; a column counts characters (a
/// multi-byte UTF-8 sequence and a tab are one column each). 0 means "the whole file".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// "file:line:col" ("file" alone when the line is 0), for messages.
std::string ToString(const Location& where);

enum class ExprKind {
  kString,    ///< "..." or a heredoc with no interpolation or directive
  kTemplate,  ///< "..${..}.." or a heredoc with an interpolation or directive
  kNumber,
  kBool,
  kNull,
  kObject,  ///< { k = v, ... }
  kTuple,   ///< [ ... ]
  kOther,   ///< references, function calls, operators, conditionals, for-expressions...
};

/// "string", "template", "number", "bool", "null", "object", "tuple", "other".
std::string_view ToString(ExprKind kind);

/// One expression as written.
struct Expression {
  ExprKind kind = ExprKind::kOther;
  /// The source text, from its first token to its last (comments inside included).
  std::string text;
  /// kString: the decoded string (escapes resolved, `$${` and `%%{` made `${` and `%{`,
  /// a heredoc's body with `<<-` indentation stripped). kTemplate: the template source,
  /// `${...}` and `%{...}` kept verbatim: a quoted one's text between its quotes (escapes
  /// not resolved), a heredoc's body (indentation stripped). kBool: "true" or "false".
  /// kNumber: as written ("-1" for a negated literal). Empty otherwise. Heredoc bodies
  /// have their line endings made "\n".
  std::string value;
  /// kObject: key -> value in order (a quoted or bare identifier key decoded, any other
  /// key expression as written). kTuple: the elements, with empty keys.
  std::vector<std::pair<std::string, Expression>> items;
  /// Where the expression starts.
  Location where;

  /// kObject: the value of the first item named `key`, or nullptr.
  const Expression* item(std::string_view key) const;
};

/// One block: `type "label" label { ... }`.
struct Block {
  std::string type;
  std::vector<std::string> labels;                             ///< decoded
  std::vector<std::pair<std::string, Expression>> attributes;  ///< in order
  std::vector<Block> blocks;                                   ///< nested blocks, in order
  /// Where the block starts: its type keyword in native syntax; in JSON the property that
  /// names it (the last label, or the type when it has none), or the object of its body
  /// when that is one of an array.
  Location where;
  /// Set by ReadModule on the top-level blocks of override.tf, *_override.tf (and .json).
  bool from_override = false;

  /// The first attribute named `name`, or nullptr.
  const Expression* attribute(std::string_view name) const;
  /// The nested blocks of type `type`, in order.
  std::vector<const Block*> BlocksOfType(std::string_view type) const;
};

/// Something wrong in a file, with words a user can act on.
struct Problem {
  Location where;
  std::string message;
};

/// One parsed file. Parsing never stops at the first problem when it can go on: what was
/// understood is kept beside the problems.
struct File {
  std::vector<std::pair<std::string, Expression>> attributes;  ///< top-level, in order
  std::vector<Block> blocks;                                   ///< top-level, in order
  std::vector<Problem> problems;
};

/// Deepest nesting of blocks, brackets, templates or JSON values a reader follows; deeper
/// input is a Problem, never a stack overflow.
inline constexpr int kMaxNesting = 256;

/// At most this many problems are kept per file; one more says the rest were dropped.
inline constexpr size_t kMaxProblems = 100;

/// Appends a problem to `problems` unless kMaxProblems are there already.
void AddProblem(std::vector<Problem>& problems, Location where, std::string message);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_SYNTAX_H_
