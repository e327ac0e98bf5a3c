// The gantry command line: parses arguments and dispatches to one command.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <iostream>
#include <string>
#include <string_view>

#include "core/cli/affected_command.h"
#include "core/cli/color_option.h"
#include "core/cli/command_examples.h"
#include "core/cli/completion_command.h"
#include "core/cli/exit_codes.h"
#include "core/cli/export_command.h"
#include "core/cli/graph_command.h"
#include "core/cli/init_command.h"
#include "core/graph/graph_format.h"
#include "core/cli/maintenance_commands.h"
#include "core/cli/operation_command.h"
#include "core/cli/output_command.h"
#include "core/cli/plugins_command.h"
#include "core/cli/run_flags.h"
#include "core/cli/session.h"
#include "core/cli/unknown_words.h"
#include "core/cli/validate_command.h"
#include "core/exec/huge_page_heap.h"
#include "core/exec/run_guardian.h"
#include "core/plugin/search_path.h"
#include "spdlog/cfg/env.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

namespace {

using namespace gantry::cli;

void SetUpLogging(const std::string& level, bool color) {
  auto logger = spdlog::stderr_color_mt(
      "gantry", color ? spdlog::color_mode::always : spdlog::color_mode::never);
  logger->set_pattern("gantry: %^%l%$: %v");  // the level coloured, when colour is on
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug overrides
}

}  // namespace

int main(int argc, char** argv) {
  // The run's guardian is this binary too (see RunGuardian): nothing else runs in it.
  if (argc == 3 && std::string_view(argv[1]) == gantry::exec::kGuardRunFlag)
    return gantry::exec::GuardRunMain(argv[2]);
  // A closed stdout (`gantry apply | head`) or events reader must not end the run: writes
  // fail with EPIPE instead, and the run says at the end what it could not write.
  signal(SIGPIPE, SIG_IGN);
  gantry::exec::UseHugePagesForHeap();
  CLI::App app{"gantry: runs deployments of mixed component types in dependency order"};
  app.set_version_flag("--version", std::string("gantry ") + GANTRY_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  std::string log_level = "warn";
  app.add_option("-f,--file", global.config_file, "Deployment file (default: gantry.toml, "
                                                   "searched upwards from the current directory)")
      ->type_name("FILE");
  app.add_option("--log-level", log_level, "Host log level: debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  CLI::App* init = app.add_subcommand(
      "init", "Write a starting gantry.toml for the terraform roots, packer templates and "
              "ansible playbooks found under a directory");
  InitOptions init_options;
  init->add_option("DIR", init_options.dir, "The directory to look in and write gantry.toml "
                                            "to (default: the current one)");
  init->add_flag("--print", init_options.print, "Print the file instead of writing it");

  CLI::App* validate = app.add_subcommand("validate", "Check the deployment file and every "
                                                      "component's settings");
  ValidateOptions validate_options;
  validate->add_option("--target,-t", global.target, "Target (environment overlay)");
  validate->add_option("--show", validate_options.show,
                       "Print one component's effective settings (after the target's overlays)")
      ->type_name("COMPONENT");

  CLI::App* graph = app.add_subcommand("graph", "Print the dependency graph");
  std::string graph_format = "text";
  std::vector<std::string> graph_formats = gantry::graph::GraphFormats();
  graph_formats.push_back("svg");  // dot's, drawn by Graphviz
  graph->add_option("--format", graph_format, "text, dot, mermaid, json or svg (needs Graphviz)")
      ->check(CLI::IsMember(graph_formats));
  graph->add_option("--target,-t", global.target, "Target (environment overlay)");

  AffectedOptions affected_options;
  CLI::App* affected = AddAffectedCommand(app, affected_options, global);

  CLI::App* plugins = app.add_subcommand("plugins", "Inspect the loaded plugins");
  plugins->require_subcommand(1);
  CLI::App* plugins_list = plugins->add_subcommand("list", "List every loaded plugin");
  CLI::App* plugins_info = plugins->add_subcommand("info", "Show one plugin");
  std::string plugin_name;
  plugins_info->add_option("NAME", plugin_name, "Plugin name or component type")->required();
  std::string plugin_format = "text";
  plugins_info->add_option("--format", plugin_format, "text, json or markdown (for docs)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));

  // plan, apply, destroy and `run OP` share their flags.
  RunFlags run_flags;
  std::vector<CLI::App*> operations;
  for (const char* name : {"plan", "apply", "destroy"}) {
    CLI::App* command = app.add_subcommand(
        name, std::string(name == std::string("destroy") ? "Destroy the components, dependents first"
                          : name == std::string("plan")  ? "Show what apply would change"
                                                         : "Create or update the components"));
    AddRunFlags(*command, run_flags, global);
    if (name == std::string("plan"))
      command->add_flag("--detailed-exitcode", run_flags.detailed_exitcode,
                        "Exit 0 when nothing would change, 2 when something would, 1 on any "
                        "error (as terraform plan -detailed-exitcode); 4 when some "
                        "component is blocked");
    if (name == std::string("apply"))
      command->add_option("--from-plan", run_flags.options.from_plan,
                          "Apply exactly the plans saved by plan run RUN (an id, a prefix, or "
                          "'last'): only the components whose plan had changes");
    operations.push_back(command);
  }
  CLI::App* run_op = app.add_subcommand("run", "Run a plugin-defined operation (e.g. 'run lint')");
  std::string operation_name;
  run_op->add_option("OPERATION", operation_name, "The operation")->required();
  AddRunFlags(*run_op, run_flags, global);
  operations.push_back(run_op);

  CLI::App* export_command = app.add_subcommand(
      "export", "Write the deployment as a CI pipeline: a job per component, in order, "
                "outputs passed as artifacts");
  ExportCommandOptions export_options;
  export_command->add_option("ENGINE", export_options.engine, "gitlab or github")
      ->required()
      ->check(CLI::IsMember({"gitlab", "github"}));
  export_command->add_option("COMPONENT", export_options.selection.patterns,
                             "Components to export: names or globs (default: all)");
  export_command->add_option("--target,-t", global.target, "Target (environment overlay)");
  export_command->add_option("--operation", export_options.pipeline.operation,
                             "What every job runs: apply (default), plan, destroy or a "
                             "plugin-defined operation");
  export_command->add_flag("--with-deps", export_options.selection.with_deps,
                           "Also export everything the selected components need");
  export_command->add_flag("--with-dependents", export_options.selection.with_dependents,
                           "Also export everything that needs the selected components");
  export_command->add_option("--changed-since", export_options.changed_since, kChangedSinceHelp)
      ->type_name("REF");
  export_command->add_option("--exclude", export_options.selection.exclude,
                             "Leave out these components (globs)")
      ->type_name("COMPONENT");
  export_command->add_option("--output-file,-o", export_options.output_file,
                             "Write to FILE (e.g. .gitlab-ci.yml) instead of stdout")
      ->type_name("FILE");
  export_command->add_option("--gantry", export_options.pipeline.gantry,
                             "How jobs run gantry (default: gantry, on the runner's PATH)");
  export_command->add_option("--setup", export_options.pipeline.setup,
                             "A shell command every job runs first (e.g. installing gantry)");
  export_command->add_option("--outputs-dir", export_options.pipeline.outputs_dir,
                             "Where jobs exchange outputs, from the deployment's directory "
                             "(default: .gantry/ci/outputs)")
      ->type_name("DIR");
  export_command->add_option("--max-needs", export_options.max_needs,
                             "gitlab: the most jobs one job may need (the instance's "
                             "ci_max_needs, default 50); beyond, aggregating jobs")
      ->check(CLI::Range(1, 10000));
  export_command->add_option("--runs-on", export_options.pipeline.runs_on,
                             "github: the runner label (default: ubuntu-latest)");

  CLI::App* runs = app.add_subcommand("runs", "Inspect past runs (from their journals)");
  runs->require_subcommand(1);
  CLI::App* runs_list = runs->add_subcommand("list", "List the runs, newest first");
  CLI::App* runs_show = runs->add_subcommand("show", "Show one run component by component");
  std::string run_id;
  runs_show->add_option("RUN", run_id, "Run id, a unique prefix of one, or 'last'")->required();
  std::string run_html;
  runs_show->add_option("--html", run_html, "Write the run to FILE as one self-contained HTML "
                                            "page instead: timeline, graph, statuses, log tails")
      ->type_name("FILE");

  CLI::App* workspaces = app.add_subcommand("workspaces", "Manage run workspaces");
  workspaces->require_subcommand(1);
  CLI::App* workspaces_clean = workspaces->add_subcommand(
      "clean", "Remove workspaces left by runs that are no longer running");
  std::string older_than;
  workspaces_clean->add_option("--older-than", older_than,
                               "Only those older than this, e.g. 7d (default: all)");

  CLI::App* output = app.add_subcommand(
      "output", "Print a component's recorded outputs (e.g. $(gantry output network vpc_id))");
  OutputOptions output_options;
  output->add_option("COMPONENT", output_options.component, "The component")->required();
  output->add_option("KEY", output_options.key, "One output: print its value alone, raw");
  output->add_option("--target,-t", global.target, "Target (environment overlay)");
  output->add_flag("--json", output_options.json,
                   "As JSON: {\"key\": {\"value\": ..., \"sensitive\": bool}}, or the KEY's value");
  output->add_flag("--show-sensitive", output_options.show_sensitive,
                   "Print sensitive values too (masked, or refused for a KEY, without it)");

  CompletionCommands completion;
  AddCompletionCommands(app, completion);
  std::string color;  // --color, on every command
  AddColorOption(app, color);
  AddCommandExamples(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A misspelt command or flag gets a suggestion instead of CLI11's words.
    const bool missing_command = dynamic_cast<const CLI::RequiredError*>(&e) != nullptr &&
                                 std::string_view(e.what()).find("subcommand") != std::string_view::npos;
    // An unknown word first ("gantry aply" is also a missing command to CLI11).
    const bool explained = e.get_exit_code() != 0 &&
                           (ExplainUnknownWord(app, std::cerr) ||
                            (missing_command && ExplainMissingCommand(app, std::cerr)));
    if (!explained && app.exit(e) == 0) return kExitOk;
    // With --detailed-exitcode, 2 means "changes": bad usage is an error like any other.
    const bool detailed = std::any_of(argv + 1, argv + argc, [](const char* arg) {
      return std::string_view(arg) == "--detailed-exitcode";
    });
    return detailed ? DetailedPlanExitCode(kExitBadInput, false) : kExitBadInput;
  }
  if (completion.parsed()) return RunCompletionCommand(app, completion, global.config_file, std::cout);
  const std::optional<ColorChoice> colors = SettleColor(color, std::cerr);
  if (!colors)
    return run_flags.detailed_exitcode ? DetailedPlanExitCode(kExitBadInput, false) : kExitBadInput;
  SetUpLogging(log_level, colors->stderr_color);
  run_flags.options.color = colors->mode;

  if (*init) {
    // No deployment to read yet: the plugins come from the search path alone.
    auto registry = gantry::plugin::PluginRegistry::Load(gantry::plugin::PluginSearchPath({}));
    for (const gantry::plugin::LoadError& error : registry->errors())
      std::cerr << "gantry: " << error.message << "\n";
    return RunInit(init_options, *registry, !registry->errors().empty(), std::cout, std::cerr);
  }
  if (*plugins) {
    Session session = OpenSession(global, /*config_required=*/false);
    if (!session.plugins) return session.exit_code;
    if (*plugins_list) {
      PrintPluginList(*session.plugins, std::cout);
    } else if (!PrintPluginInfo(*session.plugins, plugin_name, plugin_format, std::cout)) {
      std::cerr << "gantry: no plugin named '" << plugin_name
                << "' (and none provides a type of that name); see 'gantry plugins list'\n";
      return session.exit_code != 0 ? session.exit_code : kExitBadInput;
    }
    return session.exit_code;
  }

  Session session = OpenSession(global, /*config_required=*/true);
  if (session.exit_code != 0)
    return run_flags.detailed_exitcode ? DetailedPlanExitCode(session.exit_code, false)
                                       : session.exit_code;
  // Commands that check the graph report component problems along with the plugins'.
  if (!session.deployment->component_problems.empty() && !*validate && !*graph && !*export_command &&
      std::none_of(operations.begin(), operations.end(), [](CLI::App* c) { return c->parsed(); })) {
    std::cerr << session.deployment->component_problems.ToStatus().message() << "\n";
    return kExitBadInput;
  }
  if (*output) return RunOutput(*session.deployment, output_options, std::cout, std::cerr);
  if (*runs_list) return ListRuns(*session.deployment, std::cout, std::cerr);
  if (*runs_show) return ShowRun(*session.deployment, run_id, run_html, std::cout, std::cerr);
  if (*workspaces_clean) return CleanWorkspaces(*session.deployment, older_than, std::cout, std::cerr);
  for (CLI::App* command : operations) {
    if (!*command) continue;
    run_flags.options.operation = command == run_op ? operation_name : command->get_name();
    return RunOperation(*session.deployment, *session.plugins, run_flags, std::cout, std::cerr);
  }
  if (*validate)
    return RunValidate(*session.deployment, *session.plugins, validate_options, std::cout,
                       std::cerr);
  if (*export_command)
    return RunExport(*session.deployment, *session.plugins, std::move(export_options), std::cout,
                     std::cerr);
  if (*affected)
    return RunAffected(*session.deployment, *session.plugins, affected_options, std::cout, std::cerr);
  if (*graph) return RunGraph(*session.deployment, *session.plugins, graph_format, std::cout, std::cerr);
  return kExitBadInput;
}
