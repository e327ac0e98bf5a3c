#include "core/cli/output_command.h"

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "core/cli/exit_codes.h"
#include "core/config/suggest.h"
#include "core/state/layout.h"
#include "core/state/output_store.h"
#include "nlohmann/json.hpp"

namespace gantry::cli {
namespace {

using nlohmann::json;

/// The value as JSON: a JSON output as the value it holds, any other as a string.
json AsJson(const record::OutputValue& output) {
  if (output.json()) {
    json parsed = json::parse(output.value, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) return parsed;
  }
  return output.value;
}

/// Compact JSON text; bytes that are not UTF-8 (a binary output) become U+FFFD rather
/// than an exception.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

/// The value as a script wants it: a string as it is, a JSON value as compact JSON.
std::string Raw(const record::OutputValue& output) {
  return output.json() ? Dump(AsJson(output)) : output.value;
}

/// The value on one line of the listing: Raw, but a string that holds a line break or
/// another control character is quoted as JSON, so that each output stays on its line.
std::string OneLine(const record::OutputValue& output) {
  std::string raw = Raw(output);
  for (unsigned char c : raw)
    if (c < 0x20 || c == 0x7f) return Dump(json(raw));
  return raw;
}

std::vector<std::string> Keys(const std::map<std::string, record::OutputValue>& outputs) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : outputs) keys.push_back(key);
  return keys;
}

}  // namespace

int RunOutput(const config::Deployment& deployment, const OutputOptions& options,
              std::ostream& out, std::ostream& err) {
  const std::string& name = options.component;
  if (deployment.Find(name) == nullptr) {
    std::vector<std::string> names;
    for (const config::ComponentConfig& c : deployment.components) names.push_back(c.name);
    err << "gantry: output: no component named '" << name << "'"
        << config::DidYouMean(name, names) << "; " << deployment.file << " defines: "
        << (names.empty() ? "none" : absl::StrJoin(names, ", ")) << "\n";
    return kExitBadInput;
  }
  const state::Layout layout = state::Layout::ForDeployment(deployment.root_dir);
  absl::StatusOr<state::StoredOutputs> stored =
      state::ReadOutputs(layout.OutputsPath(deployment.target, name));
  if (absl::IsNotFound(stored.status())) {
    err << "gantry: component '" << name << "' has no recorded outputs for target "
        << deployment.target << "; apply it first (outputs are recorded by a successful "
        << "apply that sets some, and removed by destroy)\n";
    return kExitComponentFailed;
  }
  if (!stored.ok()) {
    err << "gantry: " << stored.status().message() << "\n";
    return kExitComponentFailed;
  }
  const std::map<std::string, record::OutputValue>& outputs = stored->outputs;

  if (!options.key.empty()) {
    const auto found = outputs.find(options.key);
    if (found == outputs.end()) {
      const std::vector<std::string> keys = Keys(outputs);
      err << "gantry: component '" << name << "' has no output '" << options.key << "'"
          << config::DidYouMean(options.key, keys) << " for target " << deployment.target
          << "; its outputs: " << absl::StrJoin(keys, ", ") << "\n";
      return kExitComponentFailed;
    }
    if (found->second.sensitive() && !options.show_sensitive) {
      err << "gantry: output '" << options.key << "' of component '" << name
          << "' is sensitive; add --show-sensitive to print it\n";
      return kExitComponentFailed;
    }
    out << (options.json ? Dump(AsJson(found->second)) : Raw(found->second)) << "\n";
    return kExitOk;
  }

  if (options.json) {
    json all = json::object();
    for (const auto& [key, output] : outputs) {
      const bool masked = output.sensitive() && !options.show_sensitive;
      all[key] = {{"value", masked ? json(nullptr) : AsJson(output)},
                  {"sensitive", output.sensitive()}};
    }
    out << Dump(all) << "\n";
    return kExitOk;
  }
  for (const auto& [key, output] : outputs) {
    out << key << " = "
        << (output.sensitive() && !options.show_sensitive ? "<sensitive>" : OneLine(output))
        << "\n";
  }
  return kExitOk;
}

}  // namespace gantry::cli
