#include "command_line.h"

namespace gantry::packer {
namespace {

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ",") + name;
  return out;
}

}  // namespace

std::vector<std::string> CommandLine::Command(std::vector<std::string> words,
                                              const char* args_key, bool takes_builds) const {
  std::vector<std::string> argv{settings_.binary};
  argv.insert(argv.end(), words.begin(), words.end());
  if (takes_builds) {
    if (!settings_.only.empty()) argv.push_back("-only=" + Joined(settings_.only));
    if (!settings_.except.empty()) argv.push_back("-except=" + Joined(settings_.except));
    // Vars only ever as a file: argv is readable by every user of the machine.
    if (!paths_.vars_file.empty()) argv.push_back("-var-file=" + paths_.vars_file);
  }
  if (const auto extra = settings_.args.find(args_key); extra != settings_.args.end())
    argv.insert(argv.end(), extra->second.begin(), extra->second.end());
  // Last: packer takes the template as its only positional argument.
  argv.push_back(argument_);
  return argv;
}

std::vector<std::string> CommandLine::Version() const { return {settings_.binary, "version"}; }

std::vector<std::string> CommandLine::Init() const { return Command({"init"}, "init", false); }

std::vector<std::string> CommandLine::Validate() const {
  return Command({"validate", "-machine-readable"}, "validate", true);
}

std::vector<std::string> CommandLine::Build() const {
  return Command({"build", "-machine-readable", "-color=false", "-force"}, "build", true);
}

std::map<std::string, std::string> CommandLine::Environment() const {
  std::map<std::string, std::string> env{
      {"CHECKPOINT_DISABLE", "1"},
      {"PACKER_NO_COLOR", "1"},
  };
  if (!paths_.cache_dir.empty()) {
    env["PACKER_CACHE_DIR"] = paths_.cache_dir;
    env["PACKER_PLUGIN_PATH"] = paths_.cache_dir + "/plugins";
    env["PACKER_CONFIG_DIR"] = paths_.cache_dir + "/config";
  }
  if (!paths_.temp_dir.empty()) env["TMPDIR"] = paths_.temp_dir;
  for (const auto& [name, value] : settings_.env) env[name] = value;
  return env;
}

std::optional<std::pair<int, int>> ParseVersion(std::string_view text) {
  const std::size_t v = text.find("Packer v");
  if (v == std::string_view::npos) return std::nullopt;
  std::size_t i = v + 8;
  auto number = [&]() -> std::optional<int> {
    const std::size_t start = i;
    int value = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 6; ++i)
      value = value * 10 + (text[i] - '0');
    if (i == start) return std::nullopt;
    return value;
  };
  const std::optional<int> major = number();
  if (!major || i >= text.size() || text[i] != '.') return std::nullopt;
  ++i;
  const std::optional<int> minor = number();
  if (!minor) return std::nullopt;
  return std::make_pair(*major, *minor);
}

bool HasInit(std::pair<int, int> version) {
  return version.first > 1 || (version.first == 1 && version.second >= 7);
}

}  // namespace gantry::packer
