// The fields of an event line (or of an entry of a list in one) written to and read from
// JSON by their list (event_fields.h), each value by the codec of its type
// (event_value_json.h).
#ifndef GANTRY_CORE_RECORD_EVENT_FIELDS_JSON_H_
#define GANTRY_CORE_RECORD_EVENT_FIELDS_JSON_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "core/record/event_field_access.h"
#include "core/record/event_fields.h"
#include "core/record/event_value_json.h"
#include "nlohmann/json.hpp"

namespace gantry::record {

/// Writes the fields `fields` lists from `holder` (a RunEvent, or a record holding its
/// own fields) into `json`, in their order, leaving out a kOmitEmpty one that holds its
/// record's default.
template <typename Fields, typename Holder>
void WriteEventFields(Fields fields, const Holder& holder, nlohmann::ordered_json& json) {
  fields([&](const char* key, auto field, Presence presence) {
    using Record = FieldRecord<decltype(field)>;
    const auto& value = GetField(RecordOf<Record>(holder), field);
    if (presence == Presence::kOmitEmpty && value == GetField(DefaultRecord<Record>(), field))
      return;
    json[key] = EventValueToJson(value);
  });
}

/// Reads the fields of one parsed line, keeping the first problem: "<owner> event:
/// missing \"key\"" or "<owner> event: \"key\" must be <what>".
class EventFieldReader {
 public:
  /// `owner` names the line in messages ("run_started"). A null value reads as an
  /// absent field when `null_is_absent`; else it is a value, and of no field's type.
  EventFieldReader(const nlohmann::json& json, const char* owner, bool null_is_absent = true)
      : json_(json), owner_(owner), null_is_absent_(null_is_absent) {}

  const absl::Status& status() const { return status_; }

  /// Sets, in `holder`, each field `fields` lists that the line has. A required one
  /// missing, or one of another type, is the problem; the others stay as they were.
  template <typename Fields, typename Holder>
  void Read(Fields fields, Holder& holder) {
    fields([&](const char* key, auto field, Presence presence) {
      const nlohmann::json* json = Find(key, presence == Presence::kRequired);
      if (json == nullptr) return;
      FieldValue<decltype(field)> value{};
      if (const char* problem = EventValueFromJson(*json, &value)) {
        Fail(key, problem);
        return;
      }
      SetField(RecordOf<FieldRecord<decltype(field)>>(holder), field, std::move(value));
    });
  }

  /// A required string outside the field lists ("time", "run_id").
  std::string RequiredString(const char* key);

 private:
  const nlohmann::json* Find(const char* key, bool required);
  void Fail(const char* key, const char* what);

  const nlohmann::json& json_;
  const char* owner_;
  bool null_is_absent_;
  absl::Status status_;
};

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_EVENT_FIELDS_JSON_H_
