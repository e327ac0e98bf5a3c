// `gantry output COMPONENT [KEY]`: a component's recorded outputs, as `terraform output`.
#ifndef GANTRY_CORE_CLI_OUTPUT_COMMAND_H_
#define GANTRY_CORE_CLI_OUTPUT_COMMAND_H_

#include <ostream>
#include <string>

#include "core/config/deployment.h"

namespace gantry::cli {

struct OutputOptions {
  std::string component;
  std::string key;              ///< empty: every output
  bool json = false;            ///< --json
  bool show_sensitive = false;  ///< --show-sensitive
};

/// Prints the outputs `options.component` recorded for the deployment's target (its
/// last successful apply there), read from its outputs file (state/output_store.h).
///
/// Without a key: `key = value` per output, sorted, a sensitive one as `<sensitive>`;
/// with --json, `{"key": {"value": V, "sensitive": B}}`, a sensitive V null. With a key:
/// the value alone, raw (a string as it is, a JSON value as compact JSON), or as JSON
/// with --json; a sensitive key is refused unless --show-sensitive.
///
/// Exit codes: 0; 2 the deployment has no such component; 1 it has no recorded outputs
/// for the target, no such output, a sensitive key without --show-sensitive, or the
/// outputs file cannot be read.
int RunOutput(const config::Deployment& deployment, const OutputOptions& options,
              std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_OUTPUT_COMMAND_H_
