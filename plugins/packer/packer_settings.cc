#include "packer_settings.h"

#include "gantry/settings.hpp"

namespace gantry::packer {
namespace {

// `only` or `except`: build names, none empty.
std::vector<std::string> ReadBuildNames(const Settings& settings, const char* name,
                                        std::vector<SettingProblem>& problems) {
  std::vector<std::string> names;
  kit::Guarded(problems, name, [&] { names = settings.Strings(name); });
  for (const std::string& build : names)
    if (build.empty() || build.find(',') != std::string::npos) {
      problems.push_back({name, std::string(name) + ": '" + build +
                                    "' is not a build name (one name or glob per item, no "
                                    "commas), e.g. " + name + " = [\"amazon-ebs.ubuntu\"]"});
      break;
    }
  return names;
}

}  // namespace

std::vector<Setting> DeclaredSettings() {
  return {
      {"binary", GANTRY_SETTING_STRING, 0, 0, "\"packer\"", {},
       "the program to run: \"packer\" or a path"},
      {"template", GANTRY_SETTING_STRING, 0, 0, "", {},
       "the template inside source: a directory of .pkr.hcl files, a .pkr.hcl file or a "
       "legacy .json template (default: source itself)"},
      {"only", GANTRY_SETTING_STRING | GANTRY_SETTING_LIST, GANTRY_SETTING_STRING, 0, "[]", {},
       "build only these builds (names or globs, as packer -only)"},
      {"except", GANTRY_SETTING_STRING | GANTRY_SETTING_LIST, GANTRY_SETTING_STRING, 0, "[]", {},
       "build all but these builds (names or globs, as packer -except)"},
      {"env", GANTRY_SETTING_TABLE, GANTRY_SETTING_STRING, 0, "{}", {},
       "environment variables of every packer command (env.PACKER_LOG = \"1\")"},
      {"args", GANTRY_SETTING_TABLE, GANTRY_SETTING_LIST | GANTRY_SETTING_STRING, 0, "{}", {},
       "extra arguments per command: validate, build, init "
       "(args.build = [\"-parallel-builds=1\"])"},
      {"stop_timeout", GANTRY_SETTING_STRING, 0, 0, "\"5m\"", {},
       "on Ctrl-C or a timeout packer gets SIGINT (it cleans up its builders), and SIGKILL "
       "this long after"},
      {"rebuild", GANTRY_SETTING_STRING, 0, 0, "\"on_change\"", {},
       "\"on_change\": apply builds only when the source's files, the settings or the vars "
       "changed since the last build; \"always\": on every apply"},
  };
}

PackerSettings ParseSettings(std::string_view settings_json, std::vector<SettingProblem>& problems) {
  PackerSettings out;
  const std::size_t problems_before = problems.size();
  const Settings settings = kit::ParseSettingsJson(settings_json, problems);
  if (problems.size() != problems_before) return out;
  kit::Guarded(problems, "binary", [&] { out.binary = settings.String("binary", "packer"); });
  if (out.binary.empty())
    problems.push_back({"binary", "binary is empty: name a program (\"packer\") or give its path"});
  out.template_path = kit::ReadInsidePath(settings, "template", "images/ubuntu.pkr.hcl", problems);
  out.only = ReadBuildNames(settings, "only", problems);
  out.except = ReadBuildNames(settings, "except", problems);
  if (!out.only.empty() && !out.except.empty())
    problems.push_back({"except", "only and except are both set: packer takes one of them; "
                                  "keep only (the builds to run) or except (those to skip)"});
  out.env = kit::ReadEnv(settings, problems);
  out.args = kit::ReadArgs(settings, kArgCommands, "packer", problems);
  out.stop_timeout = kit::ReadStopTimeout(settings, kDefaultStopTimeout, problems);
  kit::Guarded(problems, "rebuild", [&] {
    const std::string rebuild = settings.String("rebuild", "on_change");
    if (rebuild != "on_change" && rebuild != "always")
      problems.push_back({"rebuild", "rebuild '" + rebuild +
                                         "' is not one of \"on_change\" (build when an input "
                                         "changed) and \"always\""});
    out.rebuild_always = rebuild == "always";
  });
  return out;
}

}  // namespace gantry::packer
