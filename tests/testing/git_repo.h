// git in a test's temporary repository, with a fixed author: a test must not depend on
// the user's (or CI's) git configuration.
#ifndef GANTRY_TESTS_TESTING_GIT_REPO_H_
#define GANTRY_TESTS_TESTING_GIT_REPO_H_

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"

namespace gantry::testing {

/// `git ARGS...` in `dir`; a failure fails the test, naming the command and what git said.
inline void Git(const std::string& dir, std::vector<std::string> args) {
  const std::string words = absl::StrJoin(args, " ");
  args.insert(args.begin(),
              {"git", "-c", "user.email=test@example.com", "-c", "user.name=test"});
  const CliResult r = RunProgram(args, dir);
  ASSERT_EQ(r.exit_code, 0) << "git " << words << ": " << r.err;
}

/// Everything in `dir` as a new commit (`git init` first, harmless in a repository).
inline void CommitAll(const std::string& dir, const std::string& message = "change") {
  ASSERT_NO_FATAL_FAILURE(Git(dir, {"init", "-q"}));
  ASSERT_NO_FATAL_FAILURE(Git(dir, {"add", "-A"}));
  ASSERT_NO_FATAL_FAILURE(Git(dir, {"commit", "-q", "--allow-empty", "-m", message}));
}

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_GIT_REPO_H_
