// hello: the out-of-tree example plugin, built against the installed SDK alone. It uses
// the whole author kit: declared settings read with gantry/settings.hpp, declared outputs
// (one sensitive), children run through the host, and cancellation.
//
//   [components.greeter]
//   type = "hello"
//   greeting = "hi"      # default "hello"
//   name = "world"       # default: the component's name
//   shout = true         # default false: SAY IT LOUDER
//   repeat = 3           # 1..10, default 1: how many times to say it
//   token = "s3cret"     # sensitive: masked everywhere; gives the output `receipt`
//
// `gantry apply greeter` asks `uname -n` for the machine's name, has `printf` say
// "hi, world from <machine>" `repeat` times, and sets greeter.greeting (and, with a token,
// the sensitive greeter.receipt) for other components to use as ${greeter.greeting}.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "gantry/plugin.hpp"
#include "gantry/settings.hpp"

namespace {

struct HelloSettings {
  std::string greeting, name, token;
  bool shout = false;
  int64_t repeat = 1;
  bool name_given = false;  // name set in gantry.toml, not defaulted
};

// Reads the settings and reports every problem at its own setting (gantry shows it at that
// key's line). gantry checks the declared kinds before Validate runs, but an older host or
// a test's FakeHost does not, so a wrong kind is caught here too: each read on its own, so
// that one bad setting does not hide the next.
bool ReadSettings(const gantry::Call& call, const gantry::Component& component,
                  HelloSettings& out) {
  gantry::Settings settings;
  try {
    settings = gantry::Settings(component.settings_json);
  } catch (const std::exception& e) {
    call.Error(std::string("unreadable settings: ") + e.what());
    return false;
  }
  bool ok = true;
  const auto read = [&](auto&& get) {
    try {
      get();
    } catch (const gantry::SettingError& e) {
      call.Error(e.path(), e.what());  // "shout must be true or false, found a string"
      ok = false;
    }
  };
  read([&] {
    out.greeting = settings.String("greeting", "hello");
    // What the schema cannot say is checked the same way.
    if (out.greeting.empty())
      throw gantry::SettingError("greeting", "is empty; leave it out to say \"hello\"");
  });
  read([&] { out.name = settings.String("name", component.name); });
  read([&] { out.shout = settings.Bool("shout", false); });
  read([&] {
    out.repeat = settings.Int("repeat", 1);
    if (out.repeat < 1 || out.repeat > 10)
      throw gantry::SettingError("repeat", "must be 1 to 10, not " + std::to_string(out.repeat));
  });
  read([&] { out.token = settings.String("token"); });
  out.name_given = settings.Has("name");
  return ok;
}

// Not cryptography: shows that a value derived from a secret is itself one.
std::string Fnv1a(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

class Hello : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    gantry::PluginInfo info;
    info.name = "hello";
    info.version = "1.1.0";
    info.description = "Says hello (the out-of-tree example plugin)";
    info.component_types = {"hello"};  // operations left empty: plan, apply, destroy
    info.capabilities = GANTRY_CAP_CONCURRENT;  // no shared state: safe to run in parallel
    // name, kinds, item kinds, flags, default (JSON), allowed values, description
    info.settings = std::vector<gantry::Setting>{
        {"greeting", GANTRY_SETTING_STRING, 0, 0, "\"hello\"", {}, "what to say"},
        {"name", GANTRY_SETTING_STRING, 0, 0, "", {}, "whom to greet (default: the component)"},
        {"shout", GANTRY_SETTING_BOOL, 0, 0, "false", {}, "say it in capitals"},
        {"repeat", GANTRY_SETTING_INTEGER, 0, 0, "1", {}, "how many times to say it (1-10)"},
        {"token", GANTRY_SETTING_STRING, 0, GANTRY_SETTING_SENSITIVE, "", {},
         "a secret that signs the receipt"},
    };
    info.outputs = std::vector<gantry::Output>{
        {"greeting", false, "what was said"},
        {"receipt", true, "a digest of the greeting and token (only with a token)"},
    };
    return info;
  }

  gantry::Status Validate(gantry::Call& call, const gantry::Component& component) override {
    HelloSettings settings;
    if (!ReadSettings(call, component, settings)) return gantry::Status::kFailed;
    if (settings.name_given && settings.name == component.name)
      call.Warn("name", "name is the component's name already; it can go");  // fails nothing
    return gantry::Status::kOk;
  }

  gantry::Status Execute(gantry::Call& call, const gantry::Component& component,
                         std::string_view /*operation*/) override {
    HelloSettings settings;
    if (!ReadSettings(call, component, settings)) return gantry::Status::kFailed;
    if (call.Cancelled()) return gantry::Status::kCancelled;  // cancelled while queued

    // Capture: the child's stdout comes back as a string, not shown. argv, never a shell.
    gantry::SpawnOptions uname;
    uname.argv = {"uname", "-n"};
    const gantry::Captured machine = call.Capture(uname);
    if (machine.result.cancelled) return gantry::Status::kCancelled;
    if (!machine.ok()) {
      call.Error("uname -n failed");  // the host has shown why (its stderr, or no uname)
      return gantry::Status::kFailed;
    }
    std::string text = settings.greeting + ", " + settings.name + " from " +
                       machine.out.substr(0, machine.out.find('\n'));
    if (settings.shout)
      for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

    // Spawn: the host shows and logs the child's output. A setting is one argv element,
    // never spliced into a shell command. Between children, and in them (the host stops a
    // child when the run is cancelled), a cancel ends the loop.
    for (int64_t i = 0; i < settings.repeat; ++i) {
      if (call.Cancelled()) return gantry::Status::kCancelled;
      gantry::SpawnOptions say;
      say.argv = {"printf", "%s\n", text};
      const gantry::SpawnResult said = call.Spawn(say);
      if (said.cancelled || call.Cancelled()) return gantry::Status::kCancelled;
      if (!said.started) return gantry::Status::kFailed;  // the host said why
      if (!said.ok()) {
        call.Error("printf exited with status " + std::to_string(said.exit_code));
        return gantry::Status::kFailed;
      }
    }

    if (call.SetOutput("greeting", text) != gantry::Status::kOk) return gantry::Status::kFailed;
    if (!settings.token.empty() &&
        call.SetOutput("receipt", Fnv1a(settings.token + "\n" + text),
                       GANTRY_OUTPUT_SENSITIVE) != gantry::Status::kOk)
      return gantry::Status::kFailed;
    return gantry::Status::kOk;
  }
};

}  // namespace

GANTRY_PLUGIN(Hello)
