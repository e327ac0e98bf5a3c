// A JSON reader that keeps what Terraform's JSON syntax needs and a plain JSON value
// loses: the place of every value and key, the text as written, every duplicate key.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_JSON_DOCUMENT_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_JSON_DOCUMENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

struct JsonKey {
  std::string name;  ///< decoded
  Location where;
};

struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  Location where;
  /// The value's source text, as written.
  std::string_view text;
  /// kString: decoded. kNumber: as written. kBool: "true" or "false".
  std::string scalar;
  std::vector<JsonNode> elements;                     ///< kArray
  std::vector<std::pair<JsonKey, JsonNode>> members;  ///< kObject, in order, duplicates kept
};

/// Parses one JSON value (RFC 8259; a leading UTF-8 byte order mark is skipped). Nodes
/// view `text`, which must outlive them. On the first error, or nesting deeper than
/// kMaxNesting, adds a problem naming `file` and returns nothing.
std::optional<JsonNode> ParseJsonDocument(std::string_view text, const std::string& file,
                                          std::vector<Problem>& problems);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_JSON_DOCUMENT_H_
