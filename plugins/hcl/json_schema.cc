#include "hcl/json_schema.h"

#include <array>

namespace gantry::terraform::hcl {
namespace {

struct NestedBlock {
  std::string_view parent;
  std::string_view type;
  int labels;
};

// Terraform's own block types (the configuration language, not providers'). Resource
// bodies hold provider-defined blocks too; JSON writes those as objects or arrays of
// objects, which stay attributes here: that is all discovery can know of them.
constexpr std::array kNestedBlocks = {
    NestedBlock{"", "terraform", 0},
    NestedBlock{"", "resource", 2},
    NestedBlock{"", "data", 2},
    NestedBlock{"", "ephemeral", 2},
    NestedBlock{"", "module", 1},
    NestedBlock{"", "provider", 1},
    NestedBlock{"", "variable", 1},
    NestedBlock{"", "output", 1},
    NestedBlock{"", "locals", 0},
    NestedBlock{"", "moved", 0},
    NestedBlock{"", "import", 0},
    NestedBlock{"", "removed", 0},
    NestedBlock{"", "check", 1},
    NestedBlock{"terraform", "backend", 1},
    NestedBlock{"terraform", "cloud", 0},
    NestedBlock{"terraform", "required_providers", 0},
    NestedBlock{"terraform", "provider_meta", 1},
    NestedBlock{"cloud", "workspaces", 0},
    NestedBlock{"resource", "lifecycle", 0},
    NestedBlock{"resource", "provisioner", 1},
    NestedBlock{"resource", "connection", 0},
    NestedBlock{"resource", "dynamic", 1},
    NestedBlock{"data", "lifecycle", 0},
    NestedBlock{"data", "dynamic", 1},
    NestedBlock{"lifecycle", "precondition", 0},
    NestedBlock{"lifecycle", "postcondition", 0},
    NestedBlock{"provisioner", "connection", 0},
    NestedBlock{"dynamic", "content", 0},
    NestedBlock{"variable", "validation", 0},
    NestedBlock{"output", "precondition", 0},
    NestedBlock{"check", "data", 2},
    NestedBlock{"check", "assert", 0},
    NestedBlock{"removed", "lifecycle", 0},
    NestedBlock{"removed", "provisioner", 1},
};

}  // namespace

std::optional<int> BlockLabels(std::string_view parent, std::string_view child) {
  for (const NestedBlock& block : kNestedBlocks) {
    if (block.parent == parent && block.type == child) return block.labels;
  }
  return std::nullopt;
}

}  // namespace gantry::terraform::hcl
