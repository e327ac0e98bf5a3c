// Runs made only of components and their dependencies, for the graph layout and drawing
// tests.
#ifndef GANTRY_TESTS_RECORD_GRAPH_RUN_H_
#define GANTRY_TESTS_RECORD_GRAPH_RUN_H_

#include <string>
#include <utility>
#include <vector>

#include "core/record/run_record.h"

namespace gantry::record::testing {

/// A component named `name` that needs `needs`, ended with `status`.
inline ComponentRecord Needing(std::string name, std::vector<std::string> needs,
                               ComponentStatus status = ComponentStatus::kOk) {
  ComponentRecord component;
  component.name = std::move(name);
  component.needs = std::move(needs);
  component.status = status;
  return component;
}

/// A run of `components`, in the order given.
inline RunRecord RunOf(std::vector<ComponentRecord> components) {
  RunRecord run;
  run.components = std::move(components);
  return run;
}

}  // namespace gantry::record::testing

#endif  // GANTRY_TESTS_RECORD_GRAPH_RUN_H_
