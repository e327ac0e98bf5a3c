#include "core/state/published_outputs.h"

#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/record/file_output.h"
#include "core/state/layout.h"
#include "core/state/output_store.h"
#include "gantry/host.h"
#include "nlohmann/json.hpp"

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What a sealed value is bound to: moving it to another output does not open.
std::string PlaceOf(const PublishedOutputs& data, const std::string& key) {
  const absl::string_view nul("\0", 1);
  return absl::StrCat(data.target, nul, data.component, nul, key);
}

json WithheldEntry() { return json{{"withheld", true}, {"sensitive", true}}; }

json ToJson(const PublishedOutputs& data, const OutputSeal* seal) {
  json outputs = json::object();
  for (const auto& [key, value] : data.outputs) {
    if (!value.sensitive()) {
      outputs[key] = OutputToJson(value);
    } else if (seal == nullptr) {
      outputs[key] = WithheldEntry();
    } else {
      outputs[key] =
          json{{"sealed", seal->Seal(value.value, PlaceOf(data, key))}, {"sensitive", true}};
      if (value.json()) outputs[key]["json"] = true;
    }
  }
  for (const auto& [key, why] : data.withheld) outputs[key] = WithheldEntry();
  return json{{"schema", kPublishedOutputsSchema},
              {"component", data.component},
              {"target", data.target},
              {"operation", data.operation},
              {"run_id", data.run_id},
              {"outputs", std::move(outputs)}};
}

absl::Status PublishedCorrupt(const fs::path& file, absl::string_view why) {
  return absl::DataLossError(absl::StrCat("published outputs '", file.string(), "': ", why));
}

std::string StringOr(const json& doc, const char* key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// `entry[key]` is true (a value other than true or false would throw in json::value).
bool IsTrue(const json& entry, const char* key) {
  const auto it = entry.find(key);
  return it != entry.end() && it->is_boolean() && it->get<bool>();
}

// One entry of "outputs" into `data`.
absl::Status ReadEntry(const fs::path& file, const std::string& key, const json& entry,
                       const OutputSeal* seal, PublishedOutputs& data) {
  const std::string where = absl::StrCat("output \"", key, "\"");
  if (!entry.is_object()) return PublishedCorrupt(file, absl::StrCat(where, " is not an object"));
  if (IsTrue(entry, "withheld")) {
    data.withheld[key] =
        absl::StrCat("the job that published it had no $", kOutputsKeyVariable, " to seal it with");
    return absl::OkStatus();
  }
  const auto sealed = entry.find("sealed");
  if (sealed == entry.end()) {
    absl::StatusOr<record::OutputValue> value = OutputFromJson(entry);
    if (!value.ok()) return PublishedCorrupt(file, absl::StrCat(where, value.status().message()));
    if (value->sensitive())
      return PublishedCorrupt(file, absl::StrCat(where, " is sensitive but not sealed"));
    data.outputs.emplace(key, *std::move(value));
    return absl::OkStatus();
  }
  if (!sealed->is_string())
    return PublishedCorrupt(file, absl::StrCat(where, ": \"sealed\" is not a string"));
  if (seal == nullptr) {
    data.withheld[key] =
        absl::StrCat("it is sealed and $", kOutputsKeyVariable, " is not set in this job");
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> opened = seal->Open(sealed->get<std::string>(), PlaceOf(data, key));
  if (!opened.ok())
    return PublishedCorrupt(file, absl::StrCat(where, ": ", opened.status().message()));
  record::OutputValue value{*std::move(opened), GANTRY_OUTPUT_SENSITIVE};
  if (IsTrue(entry, "json")) value.flags |= GANTRY_OUTPUT_JSON;
  data.outputs.emplace(key, std::move(value));
  return absl::OkStatus();
}

}  // namespace

fs::path PublishedOutputsPath(const fs::path& dir, std::string_view component) {
  return dir / absl::StrCat(ContainedName(component), ".json");
}

absl::Status WritePublishedOutputs(const fs::path& dir, const PublishedOutputs& data,
                                   const OutputSeal* seal) {
  const fs::path path = PublishedOutputsPath(dir, data.component);
  std::string text;
  try {
    text = ToJson(data, seal).dump(2) + "\n";
  } catch (const json::exception& e) {  // an output key that is not UTF-8
    return absl::InvalidArgumentError(
        absl::StrCat("cannot publish the outputs of ", data.component, ": ", e.what()));
  }
  if (absl::Status made = EnsureDir(path.parent_path(), 0700); !made.ok()) return made;
  return record::WriteFileAtomically(path.string(), text, 0600);
}

absl::StatusOr<PublishedOutputs> ReadPublishedOutputs(const fs::path& file,
                                                      const OutputSeal* seal) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open '", file.string(), "'"));
  std::stringstream text;
  text << in.rdbuf();
  json doc;
  try {
    doc = json::parse(text.str());
  } catch (const json::parse_error& e) {
    return PublishedCorrupt(file, absl::StrCat("not valid JSON (byte ", e.byte, ")"));
  }
  if (!doc.is_object() || !doc.contains("schema") || !doc["schema"].is_number_integer())
    return PublishedCorrupt(file, "not a file gantry publishes (no \"schema\")");
  if (doc["schema"].get<int64_t>() > kPublishedOutputsSchema)
    return absl::FailedPreconditionError(
        absl::StrCat("published outputs '", file.string(), "' have schema ",
                     doc["schema"].get<int64_t>(), ", newer than this gantry reads (",
                     kPublishedOutputsSchema, "): use the same gantry in every job"));
  PublishedOutputs data;
  data.component = StringOr(doc, "component");
  data.target = StringOr(doc, "target");
  data.operation = StringOr(doc, "operation");
  data.run_id = StringOr(doc, "run_id");
  if (data.component.empty() || data.operation.empty())
    return PublishedCorrupt(file, "\"component\" or \"operation\" is missing");
  const auto outputs = doc.find("outputs");
  if (outputs == doc.end() || !outputs->is_object())
    return PublishedCorrupt(file, "\"outputs\" is missing or not an object");
  for (const auto& [key, entry] : outputs->items()) {
    if (absl::Status read = ReadEntry(file, key, entry, seal, data); !read.ok()) return read;
  }
  return data;
}

absl::StatusOr<std::map<std::string, PublishedOutputs>> ReadPublishedDir(const fs::path& dir,
                                                                         const OutputSeal* seal) {
  std::map<std::string, PublishedOutputs> found;
  std::error_code error;
  if (!fs::exists(dir, error)) return found;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file(error) || it->path().extension() != ".json") continue;
    absl::StatusOr<PublishedOutputs> data = ReadPublishedOutputs(it->path(), seal);
    if (!data.ok()) return data.status();
    if (PublishedOutputsPath(dir, data->component) != it->path())
      return PublishedCorrupt(
          it->path(),
          absl::StrCat("it holds the outputs of ", data->component, ", which belong in '",
                       PublishedOutputsPath(dir, data->component).string(), "'"));
    std::string component = data->component;
    found.emplace(std::move(component), *std::move(data));
  }
  if (error)
    return absl::ErrnoToStatus(error.value(), absl::StrCat("cannot read '", dir.string(), "'"));
  return found;
}

}  // namespace gantry::state
