#include "recognize.h"

#include <algorithm>
#include <vector>

#include "kit/proposals.h"

namespace gantry::terraform {
namespace {

// The names in a note, at most `limit` of them.
std::string ListOf(std::vector<std::string> names, size_t limit = 6) {
  std::sort(names.begin(), names.end());
  std::string out;
  for (size_t i = 0; i < names.size() && i < limit; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > limit) out += ", and " + std::to_string(names.size() - limit) + " more";
  return out;
}

bool InsideModulesDir(const std::string& dir) {
  return dir.find("/modules/") != std::string::npos ||
         (dir.size() >= 8 && dir.compare(dir.size() - 8, 8, "/modules") == 0);
}

}  // namespace

std::optional<Proposal> RecognizeRoot(const std::string& dir, const ModuleFacts& facts) {
  if (facts.files.empty()) return std::nullopt;
  if (!facts.has_backend && InsideModulesDir(dir)) return std::nullopt;
  Proposal proposal;
  proposal.type = "terraform";
  proposal.source_dir = dir;
  std::vector<std::string> files;
  for (const std::string& file : facts.files) files.push_back(file.substr(file.rfind('/') + 1));
  proposal.note = "terraform root module (" + ListOf(files) + ")";
  if (!facts.variables.empty()) proposal.note += "; variables: " + ListOf(facts.variables);
  std::vector<std::string> outputs;
  for (const ModuleOutput& output : facts.outputs)
    outputs.push_back(output.sensitive ? output.name + " (sensitive)" : output.name);
  if (!outputs.empty()) proposal.note += "; outputs: " + ListOf(outputs);
  if (facts.has_backend) proposal.note += "; backend " + facts.backend_type;
  return proposal;
}

Status Recognize(const Call& call, const std::string& dir) {
  const std::optional<Proposal> proposal = RecognizeRoot(dir, ReadModuleFacts(dir));
  return proposal ? kit::ProposeAll(call, {*proposal}) : Status::kOk;
}

}  // namespace gantry::terraform
