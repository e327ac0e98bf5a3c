#include "core/state/saved_plan_record.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/record/file_output.h"
#include "core/state/fnv1a.h"

namespace gantry::state {
namespace {

using nlohmann::json;

constexpr int kFormat = 1;

}  // namespace

std::string Fingerprint(std::string_view text) {
  return absl::StrFormat("%016x%016x", Fnv1a(text, kFnv1aBasis),
                         Fnv1a(text, 0x84222325cbf29ce4ULL));
}

std::string ValueFingerprint(std::string_view value, bool is_json) {
  if (is_json) {
    const json parsed = json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) return Fingerprint(parsed.dump());
  }
  return Fingerprint(value);
}

std::string ConfigFingerprint(const config::ComponentConfig& component, const std::string& target) {
  const json parts = {{"target", target},           {"type", component.type},
                      {"source", component.source_dir}, {"settings", component.settings},
                      {"vars", component.vars},     {"sensitive", component.sensitive}};
  return Fingerprint(parts.dump());
}

std::string InputsFingerprint(const json& settings, const json& vars) {
  return Fingerprint(json{{"settings", settings}, {"vars", vars}}.dump());
}

absl::Status WriteSavedPlanRecord(const std::string& path, const SavedPlanRecord& record) {
  const json text = {{"format", kFormat},
                     {"component", record.component},
                     {"type", record.type},
                     {"target", record.target},
                     {"config", record.config},
                     {"inputs", record.inputs},
                     {"references", record.references},
                     {"placeholders", record.placeholders},
                     {"planned_inputs", record.planned_inputs}};
  return record::WriteFileAtomically(path, text.dump(2) + "\n", 0600);
}

absl::StatusOr<SavedPlanRecord> ReadSavedPlanRecord(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, " does not exist"));
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    const json text = json::parse(buffer.str());
    if (text.at("format").get<int>() != kFormat)
      return absl::InvalidArgumentError(absl::StrCat(path, ": written by another gantry version"));
    SavedPlanRecord record;
    record.component = text.at("component").get<std::string>();
    record.type = text.at("type").get<std::string>();
    record.target = text.at("target").get<std::string>();
    record.config = text.at("config").get<std::string>();
    record.inputs = text.at("inputs").get<std::string>();
    record.references = text.at("references").get<std::map<std::string, std::string>>();
    record.placeholders = text.at("placeholders").get<std::vector<std::string>>();
    record.planned_inputs = text.at("planned_inputs").get<std::vector<std::string>>();
    return record;
  } catch (const json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is damaged: ", e.what()));
  }
}

}  // namespace gantry::state
