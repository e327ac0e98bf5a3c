// The entry of one component in a run summary document (--summary, summary.json).
#ifndef GANTRY_TESTS_TESTING_SUMMARY_COMPONENT_H_
#define GANTRY_TESTS_TESTING_SUMMARY_COMPONENT_H_

#include <string>

#include "nlohmann/json.hpp"

namespace gantry::testing {

/// The component called `name` in `summary`; null when there is none.
inline nlohmann::json SummaryComponent(const nlohmann::json& summary, const std::string& name) {
  if (!summary.is_object() || !summary.contains("components")) return nullptr;
  for (const nlohmann::json& c : summary["components"])
    if (c["name"] == name) return c;
  return nullptr;
}

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_SUMMARY_COMPONENT_H_
