// How generic code reaches the fields event_fields.h lists: which record a field lives
// in, its value there, and copying a kind's fields from one record to another (what the
// builders and the journal replay do).
#ifndef GANTRY_CORE_RECORD_EVENT_FIELD_ACCESS_H_
#define GANTRY_CORE_RECORD_EVENT_FIELD_ACCESS_H_

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/record/event_fields.h"
#include "core/record/run_event.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// FieldTraits<F>::Record is the record a field of type F lives in; ::Value its type.
template <typename Field>
struct FieldTraits;
template <typename Owner, typename T>
struct FieldTraits<T Owner::*> {
  using Record = Owner;
  using Value = T;
};
template <>
struct FieldTraits<ComponentCount> {
  using Record = RunRecord;
  using Value = int;
};
template <typename Field>
using FieldRecord = typename FieldTraits<Field>::Record;
template <typename Field>
using FieldValue = typename FieldTraits<Field>::Value;

/// The value of a field in `record`.
template <typename Owner, typename T>
const T& GetField(const Owner& record, T Owner::*member) {
  return record.*member;
}
inline int GetField(const RunRecord& run, ComponentCount) {
  return static_cast<int>(run.components.size());
}

/// Sets a field of `record` to `value`. A derived field is kept nowhere.
template <typename Owner, typename T>
void SetField(Owner& record, T Owner::*member, std::type_identity_t<T> value) {
  record.*member = std::move(value);
}
inline void SetField(RunRecord&, ComponentCount, int) {}

/// A record as it is before anything is set: what kOmitEmpty leaves out.
template <typename Record>
const Record& DefaultRecord() {
  static const Record kDefault;
  return kDefault;
}

/// Where the fields of `Record` live in `holder`: a RunEvent's run, component or
/// attempt, or the holder itself when it is such a record (a run_started entry).
template <typename Record, typename Holder>
auto& RecordOf(Holder& holder) {
  if constexpr (std::is_same_v<std::remove_const_t<Holder>, Record>) {
    return holder;
  } else {
    static_assert(std::is_same_v<std::remove_const_t<Holder>, RunEvent>);
    if constexpr (std::is_same_v<Record, RunRecord>) return holder.run;
    else if constexpr (std::is_same_v<Record, ComponentRecord>) return holder.component;
    else if constexpr (std::is_same_v<Record, AdmissionRecord>) return holder.admission;
    else return holder.attempt;
  }
}

/// Callables that take a visitor and pass it to the Visit...Fields of event_fields.h.
inline auto EventFieldsOf(RunEvent::Kind kind) {
  return [kind](auto&& visit) { VisitEventFields(kind, visit); };
}
inline auto PlannedComponentFields() {
  return [](auto&& visit) { VisitPlannedComponentFields(visit); };
}

/// A value as an event carries it: a copy, but for a list of components, whose entries
/// carry only their planned fields (what the line holds, and so all a replay sees).
template <typename T>
T EventCopyOf(const T& value) {
  return value;
}
inline std::vector<ComponentRecord> EventCopyOf(const std::vector<ComponentRecord>& components);

/// Copies the fields `fields` lists that live in a `Record` from `from` to `to`.
template <typename Record, typename Fields>
void CopyListedFields(Fields fields, const Record& from, Record& to) {
  fields([&](const char*, auto field, Presence) {
    if constexpr (std::is_same_v<FieldRecord<decltype(field)>, Record>)
      SetField(to, field, EventCopyOf(GetField(from, field)));
  });
}

/// Copies the fields events of `kind` carry in a `Record` from `from` to `to`: record to
/// event in the builders, event to record in the journal replay.
template <typename Record>
void CopyEventFields(RunEvent::Kind kind, const Record& from, Record& to) {
  CopyListedFields(EventFieldsOf(kind), from, to);
}

inline std::vector<ComponentRecord> EventCopyOf(const std::vector<ComponentRecord>& components) {
  std::vector<ComponentRecord> planned(components.size());
  for (size_t i = 0; i < components.size(); ++i)
    CopyListedFields(PlannedComponentFields(), components[i], planned[i]);
  return planned;
}

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_EVENT_FIELD_ACCESS_H_
