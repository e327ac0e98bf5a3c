// gantry runs list|show and gantry workspaces clean: reading and tidying .gantry.
#ifndef GANTRY_CORE_CLI_MAINTENANCE_COMMANDS_H_
#define GANTRY_CORE_CLI_MAINTENANCE_COMMANDS_H_

#include <ostream>
#include <string>

#include "core/config/deployment.h"

namespace gantry::cli {

/// Every run recorded next to the deployment, newest first.
int ListRuns(const config::Deployment& deployment, std::ostream& out, std::ostream& err);
/// One run (an id, a unique prefix, or "last"), component by component; with `html_file`,
/// written there as an HTML page instead (record::HtmlReport, with the tails of the
/// run's logs), replacing only a page written before.
int ShowRun(const config::Deployment& deployment, const std::string& run,
            const std::string& html_file, std::ostream& out, std::ostream& err);
/// Removes the workspaces of runs that are not running (older than `older_than`, e.g.
/// "7d", when given). State directories are never touched.
int CleanWorkspaces(const config::Deployment& deployment, const std::string& older_than,
                    std::ostream& out, std::ostream& err);

}  // namespace gantry::cli

#endif  // GANTRY_CORE_CLI_MAINTENANCE_COMMANDS_H_
