#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

std::string ToString(const Location& where) {
  if (where.line == 0) return where.file;
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string_view ToString(ExprKind kind) {
  switch (kind) {
    case ExprKind::kString:
      return "string";
    case ExprKind::kTemplate:
      return "template";
    case ExprKind::kNumber:
      return "number";
    case ExprKind::kBool:
      return "bool";
    case ExprKind::kNull:
      return "null";
    case ExprKind::kObject:
      return "object";
    case ExprKind::kTuple:
      return "tuple";
    case ExprKind::kOther:
      return "other";
  }
  return "other";
}

namespace {

const Expression* FindNamed(const std::vector<std::pair<std::string, Expression>>& named,
                            std::string_view name) {
  for (const auto& [candidate, value] : named) {
    if (candidate == name) return &value;
  }
  return nullptr;
}

}  // namespace

const Expression* Expression::item(std::string_view key) const {
  return kind == ExprKind::kObject ? FindNamed(items, key) : nullptr;
}

const Expression* Block::attribute(std::string_view name) const {
  return FindNamed(attributes, name);
}

std::vector<const Block*> Block::BlocksOfType(std::string_view wanted) const {
  std::vector<const Block*> found;
  for (const Block& block : blocks) {
    if (block.type == wanted) found.push_back(&block);
  }
  return found;
}

void AddProblem(std::vector<Problem>& problems, Location where, std::string message) {
  if (problems.size() > kMaxProblems) return;
  if (problems.size() == kMaxProblems) {
    message = "more than " + std::to_string(kMaxProblems) + " problems; the rest are not shown";
  }
  problems.push_back(Problem{std::move(where), std::move(message)});
}

}  // namespace gantry::terraform::hcl
