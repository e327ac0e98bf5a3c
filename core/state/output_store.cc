#include "core/state/output_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/exec/unique_fd.h"
#include "core/record/file_output.h"
#include "core/state/layout.h"
#include "gantry/host.h"
#include "nlohmann/json.hpp"

namespace gantry::state {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr char kTmpInfix[] = ".tmp-";

// Strict UTF-8, as JSON text must be: no overlong forms, no surrogates, at most U+10FFFF.
bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    uint32_t min;
    if ((c & 0xe0) == 0xc0) {
      len = 2, cp = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, cp = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

absl::Status FileError(int err, absl::string_view what, const fs::path& path) {
  return absl::ErrnoToStatus(err, absl::StrCat(what, " '", path.string(), "'"));
}

absl::Status SyncDir(const fs::path& dir) {
  exec::UniqueFd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return FileError(errno, "cannot open directory", dir);
  if (fsync(fd.get()) != 0 && errno != EINVAL) return FileError(errno, "cannot sync", dir);
  return absl::OkStatus();
}

// The directory holding the outputs file at `path`.
fs::path DirOf(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// Makes a name change in `dir` durable: queued on `background_sync`, or synced now.
absl::Status SyncDirSoonOrNow(const fs::path& dir, record::BackgroundSync* background_sync) {
  if (background_sync == nullptr) return SyncDir(dir);
  background_sync->Sync(dir.string());
  return absl::OkStatus();
}

// Removes "<name>.tmp-*" left in `dir` by writes that crashed before their rename.
void RemoveStaleTemporaries(const fs::path& dir, const std::string& name) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return;
  const std::string prefix = name + kTmpInfix;
  std::vector<std::string> stale;
  while (const struct dirent* entry = readdir(d)) {
    if (absl::StartsWith(entry->d_name, prefix)) stale.emplace_back(entry->d_name);
  }
  closedir(d);
  for (const std::string& file : stale) (void)unlink((dir / file).c_str());
}

json ToJson(const StoredOutputs& data) {
  json outputs = json::object();
  for (const auto& [key, out] : data.outputs) outputs[key] = OutputToJson(out);
  json doc = json::object();
  doc["schema"] = kOutputsSchema;
  doc["run_id"] = data.run_id;
  doc["operation"] = data.operation;
  const absl::Time time = data.time == absl::InfinitePast() ? absl::Now() : data.time;
  doc["time"] = absl::FormatTime(absl::RFC3339_full, time, absl::UTCTimeZone());
  if (data.duration.has_value()) {
    doc["duration_seconds"] = absl::ToDoubleSeconds(*data.duration);
  }
  doc["outputs"] = std::move(outputs);
  return doc;
}

// Errors of a file that exists but is not what WriteOutputs writes.
class Checker {
 public:
  explicit Checker(const fs::path& path) : path_(path) {}

  absl::Status Corrupt(absl::string_view why) const {
    return absl::DataLossError(
        absl::StrCat("outputs file '", path_.string(), "' is corrupt: ", why));
  }

  // The string member `key` of `obj`: an error when present but not a string, or when
  // absent and `required`.
  absl::Status String(const json& obj, const char* key, bool required, std::string* out) const {
    const auto it = obj.find(key);
    if (it == obj.end()) {
      return required ? Corrupt(absl::StrCat("\"", key, "\" is missing")) : absl::OkStatus();
    }
    if (!it->is_string()) return Corrupt(absl::StrCat("\"", key, "\" is not a string"));
    *out = it->get<std::string>();
    return absl::OkStatus();
  }

 private:
  const fs::path& path_;
};

absl::StatusOr<StoredOutputs> FromJson(const json& doc, const fs::path& path) {
  const Checker check(path);
  if (!doc.is_object()) return check.Corrupt("not a JSON object");
  const auto schema = doc.find("schema");
  if (schema == doc.end() || !schema->is_number_integer()) {
    return check.Corrupt("\"schema\" is missing or not an integer");
  }
  if (schema->get<int64_t>() > kOutputsSchema) {
    return absl::FailedPreconditionError(
        absl::StrCat("outputs file '", path.string(), "' has schema ", schema->get<int64_t>(),
                     ", newer than this gantry reads (", kOutputsSchema, "): upgrade gantry"));
  }
  if (schema->get<int64_t>() < 1) return check.Corrupt("\"schema\" is not a known version");

  StoredOutputs data;
  if (absl::Status s = check.String(doc, "run_id", true, &data.run_id); !s.ok()) return s;
  if (absl::Status s = check.String(doc, "operation", true, &data.operation); !s.ok()) return s;
  std::string time;
  if (absl::Status s = check.String(doc, "time", true, &time); !s.ok()) return s;
  std::string time_error;
  if (!absl::ParseTime(absl::RFC3339_full, time, &data.time, &time_error)) {
    return check.Corrupt(absl::StrCat("\"time\" is not an RFC 3339 time: ", time_error));
  }
  if (const auto d = doc.find("duration_seconds"); d != doc.end()) {
    if (!d->is_number() || !std::isfinite(d->get<double>()) || d->get<double>() < 0) {
      return check.Corrupt("\"duration_seconds\" is not a number of seconds");
    }
    data.duration = absl::Seconds(d->get<double>());
  }

  const auto outputs = doc.find("outputs");
  if (outputs == doc.end() || !outputs->is_object()) {
    return check.Corrupt("\"outputs\" is missing or not an object");
  }
  for (const auto& [key, entry] : outputs->items()) {
    const std::string where = absl::StrCat("output \"", key, "\"");
    if (!entry.is_object()) return check.Corrupt(absl::StrCat(where, " is not an object"));
    absl::StatusOr<record::OutputValue> value = OutputFromJson(entry);
    if (!value.ok()) return check.Corrupt(absl::StrCat(where, value.status().message()));
    data.outputs.emplace(key, *std::move(value));
  }
  return data;
}

}  // namespace

json OutputToJson(const record::OutputValue& out) {
  json entry = json::object();
  if (IsValidUtf8(out.value)) {
    entry["value"] = out.value;
  } else {
    entry["value_base64"] = absl::Base64Escape(out.value);
  }
  entry["sensitive"] = out.sensitive();
  if (out.json()) entry["json"] = true;
  return entry;
}

absl::StatusOr<record::OutputValue> OutputFromJson(const json& entry) {
  auto wrong = [](absl::string_view why) { return absl::InvalidArgumentError(why); };
  if (!entry.is_object()) return wrong(" is not an object");
  record::OutputValue value;
  const auto text = entry.find("value");
  const auto base64 = entry.find("value_base64");
  if ((text == entry.end()) == (base64 == entry.end()))
    return wrong(" needs exactly one of value, value_base64");
  if (text != entry.end()) {
    if (!text->is_string()) return wrong(": \"value\" is not a string");
    value.value = text->get<std::string>();
  } else if (!base64->is_string() ||
             !absl::Base64Unescape(base64->get<std::string>(), &value.value)) {
    return wrong(" has invalid base64");
  }
  for (const auto& [key, flag] : {std::pair{"sensitive", GANTRY_OUTPUT_SENSITIVE},
                                  std::pair{"json", GANTRY_OUTPUT_JSON}}) {
    const auto it = entry.find(key);
    if (it == entry.end()) continue;
    if (!it->is_boolean()) return wrong(absl::StrCat(": \"", key, "\" is not true or false"));
    if (it->get<bool>()) value.flags |= flag;
  }
  return value;
}

absl::Status WriteOutputs(const fs::path& path, const StoredOutputs& data,
                          record::BackgroundSync* background_sync) {
  std::string text;
  try {
    text = ToJson(data).dump(2) + "\n";
  } catch (const json::exception& e) {  // an output key that is not UTF-8
    return absl::InvalidArgumentError(
        absl::StrCat("cannot record the outputs in '", path.string(), "': ", e.what()));
  }
  const fs::path dir = DirOf(path);
  const std::string pattern = absl::StrCat(path.string(), kTmpInfix, "XXXXXX");
  std::string tmp = pattern;
  exec::UniqueFd fd(mkostemp(tmp.data(), O_CLOEXEC));  // mode 0600
  if (!fd.valid() && errno == ENOENT) {  // the state directory usually exists already
    if (absl::Status s = EnsureDir(dir, 0700); !s.ok()) return s;
    tmp = pattern;
    fd.reset(mkostemp(tmp.data(), O_CLOEXEC));
  }
  if (!fd.valid()) return FileError(errno, "cannot create a temporary file beside", path);
  absl::Status s = record::WriteAll(fd.get(), text, tmp);
  if (s.ok() && background_sync == nullptr && fsync(fd.get()) != 0) {
    s = FileError(errno, "cannot sync", tmp);
  }
  fd.reset();  // a close error cannot lose data fsync has not already reported
  if (s.ok() && rename(tmp.c_str(), path.c_str()) != 0) {
    s = FileError(errno, absl::StrCat("cannot rename '", tmp, "' to"), path);
  }
  if (!s.ok()) {
    (void)unlink(tmp.c_str());
    return s;
  }
  RemoveStaleTemporaries(dir, path.filename().string());
  if (background_sync != nullptr) background_sync->Sync(path.string());
  return SyncDirSoonOrNow(dir, background_sync);
}

absl::Status RemoveOutputs(const fs::path& path, record::BackgroundSync* background_sync) {
  if (unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return FileError(errno, "cannot remove", path);
  }
  return SyncDirSoonOrNow(DirOf(path), background_sync);
}

absl::StatusOr<StoredOutputs> ReadOutputs(const fs::path& path) {
  exec::UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return absl::NotFoundError(
          absl::StrCat("no outputs recorded: '", path.string(), "' does not exist"));
    }
    return FileError(errno, "cannot open outputs file", path);
  }
  std::string text;
  char buf[64 * 1024];
  while (true) {
    const ssize_t n = read(fd.get(), buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return FileError(errno, "cannot read outputs file", path);
    }
    text.append(buf, static_cast<size_t>(n));
  }
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return Checker(path).Corrupt(absl::StrCat("not valid JSON (byte ", e.byte, ")"));
  }
  return FromJson(doc, path);
}

}  // namespace gantry::state
