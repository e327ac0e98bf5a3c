#include "ansible_settings.h"

#include "gantry/settings.hpp"

namespace gantry::ansible {
namespace {

// `hosts` after the host resolved references: strings, or lists of strings where a whole
// entry was one reference to a list output (`${network.ips}`), flattened in order.
std::vector<std::string> ReadHosts(const Settings& settings, std::vector<SettingProblem>& problems) {
  std::vector<std::string> hosts;
  const json::Value* value = settings.Get("hosts");
  if (value == nullptr || value->is_null()) return hosts;
  auto bad = [&](const std::string& path, const std::string& why) {
    problems.push_back({"hosts", path + " " + why + ": write hosts = [\"web1.example.com\", "
                                                    "\"${network/vm.ip}\"]"});
  };
  if (!value->is_array()) {
    bad("hosts", "must be a list of host names, found " + Settings::Describe(*value));
    return hosts;
  }
  const json::Array& entries = value->as_array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string path = "hosts[" + std::to_string(i) + "]";
    std::vector<const json::Value*> names;
    if (entries[i].is_array())
      for (const json::Value& item : entries[i].as_array()) names.push_back(&item);
    else
      names.push_back(&entries[i]);
    for (const json::Value* name : names) {
      if (!name->is_string()) {
        bad(path, "must be a host name (a string), found " + Settings::Describe(*name));
        continue;
      }
      if (name->as_string().find_first_not_of(" \t") == std::string::npos) {
        bad(path, "is empty");
        continue;
      }
      hosts.push_back(name->as_string());
    }
  }
  return hosts;
}

}  // namespace

std::vector<Setting> DeclaredSettings() {
  return {
      {"playbook", GANTRY_SETTING_STRING, 0, 0, "", {},
       "the playbook apply and plan run, inside source (required): playbook = \"site.yml\""},
      {"destroy_playbook", GANTRY_SETTING_STRING, 0, 0, "", {},
       "the playbook destroy runs, inside source (default: destroy does nothing)"},
      {"inventory", GANTRY_SETTING_STRING, 0, 0, "", {},
       "an inventory file or directory inside source (not with hosts)"},
      {"hosts", GANTRY_SETTING_LIST, 0, GANTRY_SETTING_REFERENCES, "[\"localhost\"]", {},
       "the hosts of an inventory gantry writes; may hold output references "
       "(hosts = [\"${network/vm.ip}\"]); neither hosts nor inventory: localhost"},
      {"limit", GANTRY_SETTING_STRING, 0, 0, "", {}, "--limit: a host pattern"},
      {"tags", GANTRY_SETTING_STRING | GANTRY_SETTING_LIST, GANTRY_SETTING_STRING, 0, "[]", {},
       "--tags: run only the tasks with these tags"},
      {"skip_tags", GANTRY_SETTING_STRING | GANTRY_SETTING_LIST, GANTRY_SETTING_STRING, 0, "[]",
       {}, "--skip-tags: skip the tasks with these tags"},
      {"binary", GANTRY_SETTING_STRING, 0, 0, "\"ansible-playbook\"", {},
       "the program to run: \"ansible-playbook\" or a path (relative: to the project)"},
      {"env", GANTRY_SETTING_TABLE, GANTRY_SETTING_STRING, 0, "{}", {},
       "environment variables of ansible-playbook (env.ANSIBLE_FORKS = \"20\")"},
      {"args", GANTRY_SETTING_TABLE, GANTRY_SETTING_LIST | GANTRY_SETTING_STRING, 0, "{}", {},
       "extra arguments: playbook (every run), plan, apply, destroy (args.apply = [\"-v\"])"},
      {"stop_timeout", GANTRY_SETTING_STRING, 0, 0, "\"60s\"", {},
       "on Ctrl-C or a timeout ansible-playbook gets SIGINT, and SIGKILL this long after"},
  };
}

AnsibleSettings ParseSettings(std::string_view settings_json,
                              std::vector<SettingProblem>& problems) {
  AnsibleSettings out;
  const std::size_t problems_before = problems.size();
  const Settings settings = kit::ParseSettingsJson(settings_json, problems);
  if (problems.size() != problems_before) return out;
  auto guarded = [&](const char* path, auto read) { kit::Guarded(problems, path, read); };

  out.playbook = kit::ReadInsidePath(settings, "playbook", "site.yml", problems);
  if (out.playbook.empty() && !settings.Has("playbook"))
    problems.push_back({"playbook", "an ansible component needs playbook = \"<file>\": the "
                                    "playbook inside source that apply runs, e.g. playbook = "
                                    "\"site.yml\""});
  else if (out.playbook.empty())
    problems.push_back({"playbook", "playbook must name a file inside source, e.g. playbook = "
                                    "\"site.yml\""});
  out.destroy_playbook =
      kit::ReadInsidePath(settings, "destroy_playbook", "teardown.yml", problems);
  out.inventory = kit::ReadInsidePath(settings, "inventory", "inventory/hosts.yml", problems);
  out.has_hosts = settings.Has("hosts");
  out.hosts = ReadHosts(settings, problems);
  if (out.has_hosts && settings.Has("inventory"))
    problems.push_back({"hosts", "hosts and inventory are both set: give the inventory file "
                                 "(inventory = \"...\") or the host list gantry writes one "
                                 "from (hosts = [...]), not both"});
  guarded("limit", [&] { out.limit = settings.String("limit"); });
  guarded("tags", [&] { out.tags = settings.Strings("tags"); });
  guarded("skip_tags", [&] { out.skip_tags = settings.Strings("skip_tags"); });
  guarded("binary", [&] { out.binary = settings.String("binary", "ansible-playbook"); });
  if (out.binary.empty())
    problems.push_back({"binary", "binary is empty: name a program (\"ansible-playbook\") or "
                                  "give its path"});
  out.env = kit::ReadEnv(settings, problems);
  out.args = kit::ReadArgs(settings, kArgCommands, "ansible", problems);
  out.stop_timeout = kit::ReadStopTimeout(settings, kDefaultStopTimeout, problems);
  return out;
}

}  // namespace gantry::ansible
