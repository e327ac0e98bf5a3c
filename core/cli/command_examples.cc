#include "core/cli/command_examples.h"

#include <map>
#include <string>

namespace gantry::cli {
namespace {

// By command path ("runs show"); each line a command and, after "#", what it does.
const std::map<std::string, std::string>& Examples() {
  static const std::map<std::string, std::string> examples = {
      {"validate", "  gantry validate                     # every component's settings, at their lines\n"
                   "  gantry validate --show network/vpc  # one component as a target resolves it"},
      {"graph", "  gantry graph                        # who needs whom, and why\n"
                "  gantry graph --format svg > g.svg   # drawn by Graphviz"},
      {"affected", "  gantry affected --since origin/main  # what a merge request touches, and why\n"
                   "  gantry apply --changed-since HEAD~1 # run only those"},
      {"plan", "  gantry plan --detailed-exitcode     # 0: nothing would change, 2: something would\n"
               "  gantry plan 'network/*' --with-deps # a selection and what it needs"},
      {"apply", "  gantry apply -j 4                   # 4 components at once\n"
                "  gantry apply --from-plan last       # exactly what the last plan saved\n"
                "  gantry apply --resume last          # only what did not succeed last time"},
      {"destroy", "  gantry destroy app                  # dependents first\n"
                  "  gantry destroy --dry-run            # the order, without running anything"},
      {"export", "  gantry export gitlab -o .gitlab-ci.yml                # a job per component, in order\n"
                 "  gantry export github -o .github/workflows/deploy.yml  # the same on GitHub Actions\n"
                 "  gantry export gitlab --operation plan -t prod         # plan jobs for one target"},
      {"run", "  gantry run lint                     # a plugin-defined operation, where types have it"},
      {"runs list", "  gantry runs list"},
      {"runs show", "  gantry runs show last               # the newest run, component by component\n"
                    "  gantry runs show last --html r.html # as a page: timeline, graph, log tails"},
      {"workspaces clean", "  gantry workspaces clean --older-than 7d"},
      {"plugins list", "  gantry plugins list"},
      {"plugins info", "  gantry plugins info terraform       # the settings and outputs of its types"},
      {"init", "  gantry init                         # gantry.toml for what is found under .\n"
               "  gantry init infra --print           # show what it would write"},
      {"output", "  gantry output network/vpc           # every output, sensitive ones hidden\n"
                 "  gantry output network/vpc vpc_id    # one value, raw, for scripts"},
      {"completion",
       "  source <(gantry completion bash)                                 # bash: this shell (add it to ~/.bashrc)\n"
       "  gantry completion zsh > \"${fpath[1]}/_gantry\"                    # zsh: then start a new shell\n"
       "  gantry completion fish > ~/.config/fish/completions/gantry.fish  # fish: every new shell"},
  };
  return examples;
}

void AddTo(CLI::App& command, const std::string& path) {
  const auto& examples = Examples();
  if (auto it = examples.find(path); it != examples.end())
    command.footer("\nExamples:\n" + it->second);
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; }))
    AddTo(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name());
}

}  // namespace

void AddCommandExamples(CLI::App& app) { AddTo(app, ""); }

}  // namespace gantry::cli
