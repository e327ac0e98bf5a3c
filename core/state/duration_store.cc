#include "core/state/duration_store.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/record/file_output.h"
#include "core/state/lock_file.h"
#include "nlohmann/json.hpp"

namespace gantry::state {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kSchema = 1;

absl::Status Corrupt(const fs::path& path, absl::string_view why) {
  return absl::DataLossError(absl::StrCat("durations file '", path.string(), "' is corrupt: ", why));
}

}  // namespace

absl::StatusOr<Durations> ReadDurations(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code error;
    if (!fs::exists(path, error)) {
      return absl::NotFoundError(absl::StrCat("'", path.string(), "' does not exist"));
    }
    return absl::PermissionDeniedError(absl::StrCat("cannot read '", path.string(), "'"));
  }
  std::stringstream text;
  text << in.rdbuf();
  const json doc = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Corrupt(path, "not a JSON object");
  const auto schema = doc.find("schema");
  if (schema == doc.end() || !schema->is_number_integer() || schema->get<int64_t>() < 1) {
    return Corrupt(path, "\"schema\" is missing or not a known version");
  }
  if (schema->get<int64_t>() > kSchema) {
    return absl::FailedPreconditionError(absl::StrCat(
        "durations file '", path.string(), "' is from a newer gantry (schema ",
        schema->get<int64_t>(), ")"));
  }
  const auto seconds = doc.find("seconds");
  if (seconds == doc.end() || !seconds->is_object()) {
    return Corrupt(path, "\"seconds\" is missing or not an object");
  }
  Durations durations;
  for (const auto& [name, value] : seconds->items()) {
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
      return Corrupt(path, absl::StrCat("the duration of \"", name, "\" is not a number of seconds"));
    }
    durations.emplace(name, absl::Seconds(value.get<double>()));
  }
  return durations;
}

absl::Status RecordDurations(const fs::path& path, const Durations& measured,
                             absl::Span<const std::string> known) {
  if (measured.empty()) return absl::OkStatus();
  absl::StatusOr<FileLock> lock =
      FileLock::Acquire(absl::StrCat(path.string(), ".lock"), absl::Seconds(10));
  if (!lock.ok()) return lock.status();

  // A missing or corrupt file is replaced by what this run measured.
  absl::StatusOr<Durations> merged = ReadDurations(path);
  if (!merged.ok()) merged = Durations();
  for (const auto& [name, duration] : measured) (*merged)[name] = duration;
  const absl::flat_hash_set<std::string> keep(known.begin(), known.end());

  json seconds = json::object();
  for (const auto& [name, duration] : *merged) {
    if (keep.contains(name)) seconds[name] = absl::ToDoubleSeconds(duration);
  }
  const json doc = {{"schema", kSchema}, {"seconds", std::move(seconds)}};
  return record::WriteFileAtomically(
      path.string(), doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace gantry::state
