// A Pipeline as a GitHub Actions workflow (.github/workflows/*.yml).
#ifndef GANTRY_CORE_CI_GITHUB_WORKFLOW_H_
#define GANTRY_CORE_CI_GITHUB_WORKFLOW_H_

#include <string>

#include "core/ci/pipeline.h"

namespace gantry::ci {

/// GitHub does not start a workflow file larger than this.
inline constexpr size_t kGitHubMaxWorkflowBytes = 500 * 1024;

/// On workflow_dispatch; one job per component (id from its name, `name:` the
/// component), `needs:` the pipeline's; each job checks out, downloads the artifacts of
/// the jobs it needs into the outputs directory, runs gantry and uploads its outputs
/// file. A group capped at 1 becomes a chain: each of its jobs also waits for the one
/// before it (in pipeline order), with an `if:` that runs it whatever that one's result,
/// as long as its real needs succeeded (job-level `concurrency:` would cancel all but one
/// waiting job). The whole workflow is one concurrency group per target, so two runs of
/// the deployment never overlap.
std::string GitHubWorkflow(const Pipeline& pipeline);

}  // namespace gantry::ci

#endif  // GANTRY_CORE_CI_GITHUB_WORKFLOW_H_
