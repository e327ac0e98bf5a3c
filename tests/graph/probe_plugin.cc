// Test plugin for type "probe": exercises what a component type can tell the host, as a
// terraform-like plugin does. Its settings (none declared, so any key passes):
// - `changes = { has_changes = true, add = 2, change = 1, destroy = 0 }`: execute
//   reports them (report_changes); a count left out is reported as not known (-1);
// - `retry_first = true`: the first attempt reports 99 of each, then fails retryably
//   (give the component `retries`): only the last successful attempt's report counts;
// - `fail = true`: execute reports its changes, then fails;
// - `report_in_validate = true`: validate calls report_changes, which the host refuses;
// - `show_dirs = true`: each hook says what project_dir and cache_dir it was given:
//   validate as a warning on `show_dirs`, discover as a warning logged, execute as the
//   outputs `project_dir`, `cache_dir` and `cache_dir_exists`, and by leaving a file
//   `<component>.seen` in the cache directory.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "gantry/json.hpp"
#include "gantry/plugin.hpp"

namespace {

namespace json = gantry::json;

// The member `key` of `table`, or nullptr when absent. A `table` that is not an object
// throws: `changes = 1` is a mistake to report, not "no changes".
const json::Value* Member(const json::Value& table, std::string_view key) {
  for (const auto& [name, value] : table.as_object())
    if (name == key) return &value;
  return nullptr;
}

// The boolean `key`, false when absent (a null one throws, as any other type).
bool Flag(const json::Value& table, std::string_view key) {
  const json::Value* value = Member(table, key);
  return value != nullptr && value->as_bool();
}

// The count `key`, -1 (not known) when absent.
int64_t Count(const json::Value& table, std::string_view key) {
  const json::Value* value = Member(table, key);
  return value != nullptr ? value->as_int() : -1;
}

gantry::Changes ChangesFrom(const json::Value& settings) {
  const json::Value& given = settings["changes"];
  gantry::Changes changes;
  changes.has_changes = Flag(given, "has_changes");
  changes.add = Count(given, "add");
  changes.change = Count(given, "change");
  changes.destroy = Count(given, "destroy");
  return changes;
}

class ProbePlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    return {"probe", "1.0.0", "shows what the host gives and takes", {"probe"}, {}, 0};
  }

  gantry::Status Validate(gantry::Call& call, const gantry::Component& c) override {
    const json::Value settings = json::Parse(c.settings_json);
    if (Flag(settings, "show_dirs")) call.Warn("show_dirs", "validate sees " + Dirs(c));
    if (Flag(settings, "report_in_validate") &&
        call.ReportChanges(gantry::Changes{true, 1, 1, 1}) == gantry::Status::kOk)
      call.Error("report_changes was taken during validate");
    return gantry::Status::kOk;
  }

  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    if (Flag(json::Parse(c.settings_json), "show_dirs"))
      call.Log(GANTRY_LOG_WARN, "discover of " + std::string(c.name) + " sees " + Dirs(c));
    return gantry::Status::kOk;
  }

  gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
                         std::string_view) override {
    const json::Value settings = json::Parse(c.settings_json);
    if (Flag(settings, "show_dirs") && !ShowDirs(call, c)) return gantry::Status::kFailed;
    if (Flag(settings, "retry_first") && FirstAttempt(c)) {
      (void)call.ReportChanges(gantry::Changes{true, 99, 99, 99});
      call.Error("the first attempt fails");
      return gantry::Status::kRetryable;
    }
    if (settings.find("changes") != nullptr &&
        call.ReportChanges(ChangesFrom(settings)) != gantry::Status::kOk) {
      call.Error("report_changes was refused");
      return gantry::Status::kFailed;
    }
    if (Flag(settings, "fail")) {
      call.Error("failed as asked");
      return gantry::Status::kFailed;
    }
    return gantry::Status::kOk;
  }

 private:
  static std::string Dirs(const gantry::Component& c) {
    return "project_dir=" + std::string(c.project_dir) + " cache_dir=" + std::string(c.cache_dir);
  }

  static bool ShowDirs(gantry::Call& call, const gantry::Component& c) {
    const std::filesystem::path cache(c.cache_dir);
    const bool existed = std::filesystem::is_directory(cache);
    std::ofstream(cache / (std::string(c.name) + ".seen")) << "seen\n";
    return call.SetOutput("project_dir", std::string(c.project_dir)) == gantry::Status::kOk &&
           call.SetOutput("cache_dir", std::string(c.cache_dir)) == gantry::Status::kOk &&
           call.SetOutput("cache_dir_exists", existed ? "yes" : "no") == gantry::Status::kOk;
  }

  // True the first time it is asked for a workspace (which every attempt shares).
  static bool FirstAttempt(const gantry::Component& c) {
    const std::filesystem::path marker = std::filesystem::path(c.work_dir) / ".attempted";
    if (std::filesystem::exists(marker)) return false;
    std::ofstream(marker) << "1\n";
    return true;
  }
};

}  // namespace

GANTRY_PLUGIN(ProbePlugin)
