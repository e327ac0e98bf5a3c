#include "core/record/event_fields_json.h"

#include "absl/strings/str_cat.h"

namespace gantry::record {

std::string EventFieldReader::RequiredString(const char* key) {
  std::string text;
  if (const nlohmann::json* json = Find(key, /*required=*/true)) {
    if (const char* problem = EventValueFromJson(*json, &text)) Fail(key, problem);
  }
  return text;
}

const nlohmann::json* EventFieldReader::Find(const char* key, bool required) {
  if (!status_.ok()) return nullptr;
  const auto it = json_.find(key);
  if (it == json_.end() || (null_is_absent_ && it->is_null())) {
    if (required)
      status_ = absl::InvalidArgumentError(absl::StrCat(owner_, " event: missing \"", key, "\""));
    return nullptr;
  }
  return &*it;
}

void EventFieldReader::Fail(const char* key, const char* what) {
  if (status_.ok())
    status_ =
        absl::InvalidArgumentError(absl::StrCat(owner_, " event: \"", key, "\" must be ", what));
}

}  // namespace gantry::record
