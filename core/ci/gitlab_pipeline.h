// A Pipeline as a GitLab CI pipeline (.gitlab-ci.yml).
#ifndef GANTRY_CORE_CI_GITLAB_PIPELINE_H_
#define GANTRY_CORE_CI_GITLAB_PIPELINE_H_

#include <string>

#include "core/ci/pipeline.h"

namespace gantry::ci {

/// GitLab refuses a job that needs more than this many jobs (the default of
/// ci_max_needs); more go through aggregating jobs.
inline constexpr size_t kGitLabMaxNeeds = 50;

/// One stage; a job per component named "OPERATION COMPONENT", its `needs` the
/// pipeline's with `artifacts: true`, its artifact its own outputs file, a component in
/// a group capped at 1 given `resource_group: gantry-TARGET-GROUP`. A job needing more
/// than `max_needs` jobs needs aggregating jobs instead ("needs of JOB (1/2)"), each
/// needing at most `max_needs` and passing their artifacts on. `pipeline.notes` are
/// written as comments at the top.
std::string GitLabPipeline(const Pipeline& pipeline, size_t max_needs = kGitLabMaxNeeds);

}  // namespace gantry::ci

#endif  // GANTRY_CORE_CI_GITLAB_PIPELINE_H_
