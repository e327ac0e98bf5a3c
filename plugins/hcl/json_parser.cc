#include "hcl/json_parser.h"

#include <optional>
#include <utility>
#include <vector>

#include "hcl/json_document.h"
#include "hcl/json_schema.h"
#include "hcl/template_text.h"

namespace gantry::terraform::hcl {
namespace {

constexpr std::string_view kCommentKey = "//";

Expression ToExpression(const JsonNode& node) {
  Expression out;
  out.where = node.where;
  out.text = std::string(node.text);
  switch (node.kind) {
    case JsonNode::Kind::kNull:
      out.kind = ExprKind::kNull;
      break;
    case JsonNode::Kind::kBool:
      out.kind = ExprKind::kBool;
      out.value = node.scalar;
      break;
    case JsonNode::Kind::kNumber:
      out.kind = ExprKind::kNumber;
      out.value = node.scalar;
      break;
    case JsonNode::Kind::kString:
      // Terraform reads every JSON string as a template.
      if (HasTemplateSequence(node.scalar)) {
        out.kind = ExprKind::kTemplate;
        out.value = node.scalar;
      } else {
        out.kind = ExprKind::kString;
        out.value = ResolveLiteralEscapes(node.scalar);
      }
      break;
    case JsonNode::Kind::kArray:
      out.kind = ExprKind::kTuple;
      for (const JsonNode& element : node.elements)
        out.items.emplace_back("", ToExpression(element));
      break;
    case JsonNode::Kind::kObject:
      out.kind = ExprKind::kObject;
      for (const auto& [key, value] : node.members)
        out.items.emplace_back(key.name, ToExpression(value));
      break;
  }
  return out;
}

/// Maps JSON objects to blocks following the labels each block type takes.
class BlockReader {
 public:
  explicit BlockReader(std::vector<Problem>& problems) : problems_(problems) {}

  /// The blocks of type `type` written at `node`: `labels_wanted - labels.size()` levels
  /// of label objects, then a body or an array of bodies. `where` names the property.
  void AddBlocks(const std::string& type, size_t labels_wanted, const JsonNode& node,
                 std::vector<std::string>& labels, const Location& where, std::vector<Block>& out) {
    if (labels.size() == labels_wanted) {
      AddBodies(type, node, labels, where, out);
      return;
    }
    for (const JsonNode* level : ObjectsAt(node, "the labels of a '" + type + "' block")) {
      for (const auto& [key, value] : level->members) {
        if (key.name == kCommentKey) continue;
        labels.push_back(key.name);
        AddBlocks(type, labels_wanted, value, labels, key.where, out);
        labels.pop_back();
      }
    }
  }

  /// A block's body: its nested blocks by BlockLabels(type, ...), the rest attributes.
  Block ReadBody(const std::string& type, const std::vector<std::string>& labels,
                 const JsonNode& body, const Location& where) {
    Block block;
    block.type = type;
    block.labels = labels;
    block.where = where;
    for (const auto& [key, value] : body.members) {
      if (key.name == kCommentKey) continue;
      if (const std::optional<int> nested = BlockLabels(type, key.name)) {
        std::vector<std::string> nested_labels;
        AddBlocks(key.name, static_cast<size_t>(*nested), value, nested_labels, key.where,
                  block.blocks);
      } else {
        block.attributes.emplace_back(key.name, ToExpression(value));
      }
    }
    return block;
  }

 private:
  void AddBodies(const std::string& type, const JsonNode& node,
                 const std::vector<std::string>& labels, const Location& where,
                 std::vector<Block>& out) {
    if (node.kind == JsonNode::Kind::kObject) {
      out.push_back(ReadBody(type, labels, node, where));
      return;
    }
    for (const JsonNode* body : ObjectsAt(node, "the body of a '" + type + "' block")) {
      out.push_back(ReadBody(type, labels, *body, body->where));
    }
  }

  /// `node` itself when an object, its elements when an array of objects; anything
  /// else is reported (as `what` expecting an object) and yields nothing.
  std::vector<const JsonNode*> ObjectsAt(const JsonNode& node, const std::string& what) {
    std::vector<const JsonNode*> objects;
    if (node.kind == JsonNode::Kind::kObject) {
      objects.push_back(&node);
    } else if (node.kind == JsonNode::Kind::kArray) {
      for (const JsonNode& element : node.elements) {
        if (element.kind == JsonNode::Kind::kObject) {
          objects.push_back(&element);
        } else {
          AddProblem(problems_, element.where, "expected an object for " + what);
        }
      }
    } else {
      AddProblem(problems_, node.where, "expected an object (or an array of objects) for " + what);
    }
    return objects;
  }

  std::vector<Problem>& problems_;
};

}  // namespace

File ParseJson(std::string_view text, const std::string& file_name) {
  File file;
  const std::optional<JsonNode> root = ParseJsonDocument(text, file_name, file.problems);
  if (!root) return file;
  if (root->kind != JsonNode::Kind::kObject) {
    AddProblem(file.problems, root->where,
               "a .tf.json file holds one JSON object mapping block types to blocks");
    return file;
  }
  BlockReader reader(file.problems);
  // The top level is a body whose type is "" in the schema.
  Block top = reader.ReadBody("", {}, *root, root->where);
  file.attributes = std::move(top.attributes);
  file.blocks = std::move(top.blocks);
  return file;
}

}  // namespace gantry::terraform::hcl
