#include "packer_run.h"

#include <utility>

#include "build_outputs.h"
#include "change_words.h"
#include "gantry/json.hpp"
#include "kit/component_values.h"
#include "kit/files.h"
#include "kit/program.h"
#include "manifest.h"

namespace gantry::packer {
namespace {

// Where packer's temporary directory is made: the plugin's cache, the workspace from an
// older host that gives no cache.
std::string TempParent(const Component& component) {
  if (component.cache_dir.empty()) return std::string(component.work_dir) + "/.gantry-tmp";
  return std::string(component.cache_dir) + "/tmp";
}

RunPaths PathsFor(const Component& component, const std::string& temp_dir) {
  RunPaths paths;
  paths.cache_dir = std::string(component.cache_dir);
  paths.temp_dir = temp_dir;
  if (kit::HasVars(component.vars_json))
    paths.vars_file = std::string(component.work_dir) + "/" + kVarsFile;
  return paths;
}

}  // namespace

std::string LegacyVarsJson(std::string_view vars_json) {
  json::Value vars = json::Parse(vars_json);
  if (!vars.is_object()) return std::string(vars_json);
  for (auto& [name, value] : vars.as_object())
    if (!value.is_string()) value = json::Value(value.Dump());
  return vars.Dump();
}

PackerRun::PackerRun(const Call& call, const Component& component, const PackerSettings& settings,
                     const TemplatePlace& place, const TemplateFacts& facts)
    : call_(call),
      component_(component),
      settings_(settings),
      place_(place),
      facts_(facts),
      temp_dir_(TempParent(component)),
      commands_(settings, place.argument, PathsFor(component, temp_dir_.path())) {}

Status PackerRun::Run(std::string_view operation) {
  if (component_.work_dir.empty()) return Fail("the host gave no work directory");
  fingerprint_ = BuildInputsFingerprint(std::string(component_.work_dir),
                                        component_.settings_json, component_.vars_json);
  if (Status prepared = Prepare(); prepared != Status::kOk) return prepared;
  if (Status init = InitIfWanted(); init != Status::kOk) return init;
  return operation == "plan" ? Plan() : Build();
}

Status PackerRun::Prepare() {
  if (!temp_dir_.error().empty()) return Fail(temp_dir_.error());
  if (temp_dir_.outside())
    call_.Log(GANTRY_LOG_INFO, "packer's temporary directory is " + temp_dir_.path() +
                                   ": a path under .gantry would be too long for its plugin "
                                   "sockets; it is removed when the run ends");
  if (!component_.cache_dir.empty())
    if (const std::string error = kit::MakeDirectories(std::string(component_.cache_dir));
        !error.empty())
      return Fail(error);
  if (!kit::HasVars(component_.vars_json)) return Status::kOk;
  // Vars go in a file in the workspace (0600), never on argv, where any user of the
  // machine could read them: they may be secrets.
  std::string content(component_.vars_json);
  if (place_.kind == TemplateKind::kLegacyJson) {
    try {
      content = LegacyVarsJson(component_.vars_json);
    } catch (const json::ParseError& e) {
      return Fail(std::string("the component's vars are not valid JSON: ") + e.what());
    }
  }
  return Fail(kit::WriteFileAtomically(std::string(component_.work_dir) + "/" + kVarsFile,
                                       content, 0600));
}

Status PackerRun::InitIfWanted() {
  // Only an HCL2 template's required_plugins need init, and only packer 1.7 and later
  // has it (1.6.6 answers "init" with exit 127).
  if (!facts_.wants_init || place_.kind == TemplateKind::kLegacyJson) return Status::kOk;
  const Outcome version = Packer(commands_.Version(), Mode::kKept);
  if (Status status = Check(version, "version"); status != Status::kOk) return status;
  const auto parsed = ParseVersion(version.output);
  if (!parsed || !HasInit(*parsed)) {
    call_.Log(GANTRY_LOG_INFO, "packer init skipped: this packer has no init command (" +
                                   OneLine(version.output, 80) + ")");
    return Status::kOk;
  }
  return Check(Packer(commands_.Init(), Mode::kShown), "init");
}

Status PackerRun::Plan() {
  const Outcome validate = Packer(commands_.Validate(), Mode::kMachineReadable);
  if (Status status = Check(validate, "validate"); status != Status::kOk) return status;
  if (const std::optional<LastBuild> last = UpToDateBuild()) return NothingToBuild(*last, false);
  if (!facts_.builds_known) {
    call_.Out("packer would build the template's images (gantry cannot count them: the "
              "template computes build names or has .pkr.json files)\n");
    (void)call_.ReportChanges(Changes{true, -1, -1, -1});
    return Status::kOk;
  }
  const std::vector<std::string> builds = SelectBuilds(
      facts_.builds, settings_.only, settings_.except, place_.kind == TemplateKind::kLegacyJson);
  std::string names;
  for (const std::string& build : builds) names += (names.empty() ? "" : ", ") + build;
  const auto count = static_cast<int64_t>(builds.size());
  call_.Out("packer would build " + ImageCount(count) + (names.empty() ? "" : ": " + names) +
            "\n");
  (void)call_.ReportChanges(Changes{count > 0, count, -1, -1}, ToBuildWords(count));
  return Status::kOk;
}

std::vector<std::string> PackerRun::ManifestPaths() const {
  std::vector<std::string> paths;
  for (const std::string& path : facts_.manifests)
    paths.push_back(!path.empty() && path.front() == '/' ? path : place_.run_dir + "/" + path);
  return paths;
}

std::set<std::string> PackerRun::ManifestRunIds() const {
  std::set<std::string> ids;
  for (const std::string& path : ManifestPaths()) {
    const std::optional<std::string> text = kit::ReadFile(path);
    if (!text) continue;
    try {
      const std::set<std::string> more = RunIdsIn(ParseManifest(*text, path));
      ids.insert(more.begin(), more.end());
    } catch (const std::exception& e) {
      call_.Log(GANTRY_LOG_WARN, e.what());
    }
  }
  return ids;
}

std::optional<LastBuild> PackerRun::UpToDateBuild() const {
  if (settings_.rebuild_always || component_.state_dir.empty()) return std::nullopt;
  const std::optional<std::string> text =
      kit::ReadFile(std::string(component_.state_dir) + "/" + kLastBuildFile);
  if (!text) return std::nullopt;
  std::optional<LastBuild> last = ParseLastBuild(*text);
  if (!last || last->fingerprint != fingerprint_) return std::nullopt;
  return last;
}

Status PackerRun::NothingToBuild(const LastBuild& last, bool record_outputs) const {
  call_.Out("packer: nothing to build: the source's files, the settings and the vars are "
            "those of the last build (rebuild = \"always\" builds anyway)\n");
  Status status = Status::kOk;
  for (std::size_t i = 0; record_outputs && i < last.outputs.size(); ++i) {
    const OutputValue& value = last.outputs[i];
    const uint32_t flags = (value.is_json ? GANTRY_OUTPUT_JSON : 0u) |
                           (last.sensitive[i] ? GANTRY_OUTPUT_SENSITIVE : 0u);
    if (call_.SetOutput(value.key, value.value, flags) != Status::kOk) status = Status::kFailed;
  }
  (void)call_.ReportChanges(Changes{false, 0, -1, -1});
  return status;
}

void PackerRun::KeepLastBuild(const std::vector<OutputValue>& outputs,
                              const std::set<std::string>& sensitive) const {
  if (component_.state_dir.empty()) return;
  LastBuild last;
  last.fingerprint = fingerprint_;
  last.outputs = outputs;
  for (const OutputValue& value : outputs)
    last.sensitive.push_back(sensitive.count(value.key) != 0);
  const std::string dir(component_.state_dir);
  std::string error = kit::MakeDirectories(dir);
  if (error.empty())
    error = kit::WriteFileAtomically(dir + "/" + kLastBuildFile, LastBuildJson(last), 0600);
  if (!error.empty())
    call_.Log(GANTRY_LOG_WARN, "the next apply will build again: " + error);
}

Status PackerRun::Build() {
  if (const std::optional<LastBuild> last = UpToDateBuild()) return NothingToBuild(*last, true);
  // Taken before the build: whatever run ids are there now belong to earlier runs.
  manifest_ids_before_ = ManifestRunIds();
  const Outcome build = Packer(commands_.Build(), Mode::kMachineReadable);
  if (Status status = Check(build, "build"); status != Status::kOk) return status;
  return RecordOutputs(build);
}

Status PackerRun::RecordOutputs(const Outcome& build) {
  std::vector<ManifestEntry> entries;
  for (const std::string& path : ManifestPaths()) {
    const std::optional<std::string> text = kit::ReadFile(path);
    if (!text) continue;  // its build was not selected, say
    try {
      const std::vector<ManifestEntry> more =
          ThisRunEntries(ParseManifest(*text, path), manifest_ids_before_);
      entries.insert(entries.end(), more.begin(), more.end());
    } catch (const std::exception& e) {
      return Fail(e.what());
    }
  }
  if (!facts_.manifests_known)
    call_.Log(GANTRY_LOG_INFO, "a manifest post-processor's output is computed: its "
                               "custom_data is not read; artifact ids come from packer's output");
  const BuildOutputs outputs =
      ComputeOutputs(facts_.builds, build.log.FirstArtifactIds(), entries);
  for (const std::string& warning : outputs.warnings) call_.Warn("", warning);
  Status status = Status::kOk;
  const std::set<std::string> sensitive = kit::SensitiveNames(component_.sensitive_json);
  for (const OutputValue& value : outputs.values) {
    const uint32_t flags = (value.is_json ? GANTRY_OUTPUT_JSON : 0u) |
                           (sensitive.count(value.key) != 0 ? GANTRY_OUTPUT_SENSITIVE : 0u);
    if (call_.SetOutput(value.key, value.value, flags) != Status::kOk) status = Status::kFailed;
  }
  if (status != Status::kOk)
    call_.Error("gantry refused an output of this build (the warning above says why)");
  else
    KeepLastBuild(outputs.values, sensitive);
  const auto built = static_cast<int64_t>(build.log.builds_with_artifacts().size());
  (void)call_.ReportChanges(Changes{built > 0, built, -1, -1}, BuiltWords(built));
  return status;
}

PackerRun::Outcome PackerRun::Packer(const std::vector<std::string>& argv, Mode mode) const {
  Outcome outcome;
  SpawnOptions options;
  options.argv = argv;
  options.cwd = place_.run_dir;
  options.env_vars = commands_.Environment();
  options.stop_timeout = settings_.stop_timeout;
  options.stop_with_sigint = true;
  // The raw machine-readable stream is kept off the console; its ui lines are shown as
  // the text packer would have printed.
  options.capture_stdout = mode != Mode::kShown;
  options.on_line = [&](int32_t stream, std::string_view line) {
    if (stream != GANTRY_STREAM_STDOUT) {
      outcome.errors.emplace_back(line);
    } else if (mode == Mode::kKept) {
      outcome.output.append(line).append("\n");
    } else if (mode == Mode::kMachineReadable) {
      if (const std::optional<ShownText> shown = outcome.log.Add(line))
        shown->is_error ? call_.Err(shown->text) : call_.Out(shown->text);
    }
  };
  outcome.result = call_.Spawn(options);
  return outcome;
}

Status PackerRun::Check(const Outcome& outcome, std::string_view what) const {
  if (!outcome.result.started) return Status::kFailed;  // the host said why
  if (outcome.result.cancelled || call_.Cancelled()) return Status::kCancelled;
  if (outcome.result.exit_code == 0) return Status::kOk;
  std::string why = "packer " + std::string(what) + " " + kit::EndText(outcome.result);
  std::string error = outcome.log.ErrorSummary();
  for (const std::string& line : outcome.errors)  // a crash: its cause, not its stack
    if (error.empty() && line.rfind("panic: ", 0) == 0) error = "packer crashed: " + OneLine(line);
  for (auto line = outcome.errors.rbegin(); error.empty() && line != outcome.errors.rend(); ++line)
    error = OneLine(*line);  // the last thing packer said on stderr
  if (!error.empty()) why += ": " + error;
  call_.Error(why);
  return Status::kFailed;
}

Status PackerRun::Fail(const std::string& error) const {
  if (error.empty()) return Status::kOk;
  call_.Error(error);
  return Status::kFailed;
}

}  // namespace gantry::packer
