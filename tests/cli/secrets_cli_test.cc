// Secrets never reach what gantry writes or prints: the console, logs, the journal,
// summaries, --events, --trace, the step summary, `gantry runs`. Only the state's
// outputs files hold them. Driven as a user drives gantry, with `custom` components.
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/summary_component.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr size_t kLineCut = size_t{1} << 20;  // gantry cuts longer lines here

/// `text` as a TOML (or JSON) basic string, quotes included: JSON's escapes are TOML's.
std::string Quoted(const std::string& text) { return nlohmann::json(text).dump(); }

/// Every form of `secret` that must not appear: each line of it, and the whole and each
/// line as nlohmann / json.dumps write them inside a string (with and without
/// ensure_ascii).
std::vector<std::string> Forms(const std::string& secret) {
  std::vector<std::string> forms;
  const auto escaped = [](const std::string& text, bool ascii) {
    const std::string quoted = nlohmann::json(text).dump(-1, ' ', ascii);
    return quoted.substr(1, quoted.size() - 2);
  };
  std::vector<std::string> pieces = absl::StrSplit(secret, '\n', absl::SkipEmpty());
  pieces.push_back(secret);
  for (const std::string& piece : pieces) {
    forms.push_back(piece);
    forms.push_back(escaped(piece, false));
    forms.push_back(escaped(piece, true));
  }
  return forms;
}

/// One file (or stream) gantry wrote, to search.
struct Written {
  std::string name;
  std::string text;
};

/// Where a form of a secret shows up, one line each; empty when nowhere.
std::string Leaks(const std::vector<std::string>& secrets, const std::vector<Written>& written) {
  std::string found;
  for (const std::string& secret : secrets) {
    for (const std::string& form : Forms(secret)) {
      for (const Written& w : written) {
        if (w.text.find(form) != std::string::npos)
          absl::StrAppend(&found, w.name, " holds ", Quoted(form), " (of ", Quoted(secret), ")\n");
      }
    }
  }
  return found;
}

class SecretsCliTest : public ::testing::Test {
 protected:
  void Deployment(const std::string& components) {
    dir_.Write("gantry.toml", "[gantry]\nmax_concurrency = 1\n\n" + components);
  }
  gantry::testing::CliResult Gantry(const std::vector<std::string>& args) {
    gantry::testing::CliResult r = gantry::testing::RunGantry(
        args, dir_.path(),
        {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY=" + dir_ / "step.md",
         "PYTHONIOENCODING=utf-8",
         "GANTRY_PLUGIN_PATH=" + GANTRY_STEPS_PLUGIN_DIR + ":" + GANTRY_TEST_PLUGIN_DIR});
    printed_.push_back({absl::StrCat("stdout of gantry ", absl::StrJoin(args, " ")), r.out});
    printed_.push_back({absl::StrCat("stderr of gantry ", absl::StrJoin(args, " ")), r.err});
    return r;
  }
  /// apply with every report asked for, then `runs show last` and `runs list`.
  gantry::testing::CliResult ApplyAndReadBack() {
    gantry::testing::CliResult r = Gantry({"apply", "--summary", dir_ / "summary.json", "--events",
                                           dir_ / "events.jsonl", "--trace", dir_ / "trace.json"});
    Gantry({"runs", "show", "last"});
    Gantry({"runs", "list"});
    return r;
  }
  /// Everything gantry printed and wrote, but the state's outputs files.
  std::vector<Written> Everything() {
    std::vector<Written> written = printed_;
    for (const char* report : {"summary.json", "events.jsonl", "trace.json", "step.md"})
      written.push_back({report, ReadText(dir_ / report)});
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir_ / ".gantry")) {
      if (!entry.is_regular_file()) continue;
      const std::string path = entry.path().string();
      if (path.find("/.gantry/state/") != std::string::npos &&
          entry.path().filename().string().rfind(".gantry-outputs", 0) == 0)
        continue;  // The one place secrets are kept (0600), for later runs.
      written.push_back({path, ReadText(path)});
    }
    return written;
  }
  /// The log `component` wrote in the last run (which wrote summary.json).
  std::string ComponentLog(const std::string& component) {
    const nlohmann::json summary = nlohmann::json::parse(ReadText(dir_ / "summary.json"), nullptr, false);
    return ReadText(dir_ / ".gantry/runs/" + summary.value("run_id", "") + "/logs/" + component + ".log");
  }
  /// Everything() but what apply printed: the console shows what a component printed of
  /// a sensitive output before setting it.
  std::vector<Written> EverythingButTheApplyConsole() {
    std::vector<Written> written = Everything();
    std::erase_if(written, [](const Written& w) { return w.name.rfind("stdout of gantry apply", 0) == 0; });
    return written;
  }
  std::string OutputsFile(const std::string& component) {
    return dir_ / (".gantry/state/default/" + component + "/.gantry-outputs.json");
  }
  /// A summary.json component's outputs.
  nlohmann::json SummaryOutputs(const std::string& component) {
    const nlohmann::json summary = nlohmann::json::parse(ReadText(dir_ / "summary.json"), nullptr, false);
    const nlohmann::json c = gantry::testing::SummaryComponent(summary, component);
    return c.is_null() ? nullptr : c["outputs"];
  }

  gantry::testing::TempDir dir_;
  std::vector<Written> printed_;
};

std::string ShellComponent(const std::string& name, const std::string& body) {
  return absl::StrCat("[components.", name, "]\ntype = \"custom\"\nshell = true\n", body, "\n");
}

/// A component of the test plugin `steps` (steps_plugin.cc), whose execute runs `execute`.
std::string Steps(const std::string& name, const std::vector<std::string>& execute,
                  const std::string& body = "") {
  return absl::StrCat("[components.", name, "]\ntype = \"steps\"\nexecute = ",
                      nlohmann::json(execute).dump(), "\n", body, "\n");
}

// The report of issue 12: a sensitive var inside another output's value was masked on
// the console and in logs but kept in clear in every record.
TEST_F(SecretsCliTest, AnOutputHoldingASensitiveVarIsRecordedMasked) {
  Deployment(ShellComponent("db", "vars = { DB_PASSWORD = \"pw-Xy7!q-2718\" }\n"
                             "sensitive = [\"DB_PASSWORD\"]\n"
                             "commands.apply = \"echo url=https://admin:$DB_PASSWORD@db.local >> "
                             "$GANTRY_OUTPUT; echo port=5432 >> $GANTRY_OUTPUT\""));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({"pw-Xy7!q-2718"}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("[db] gantry: output 'url' holds a secret: recorded masked, "
                               "treated as sensitive"));
  EXPECT_EQ(SummaryOutputs("db"), nlohmann::json({{"url", "***"}, {"port", "5432"}}));
  // The state keeps the value, now sensitive, for later runs.
  const nlohmann::json state = nlohmann::json::parse(ReadText(OutputsFile("db")), nullptr, false);
  EXPECT_THAT(state.dump(), HasSubstr("https://admin:pw-Xy7!q-2718@db.local"));
  struct stat info{};
  ASSERT_EQ(stat(OutputsFile("db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(SecretsCliTest, AnOutputNamedBySecretIsRecordedUnderAMaskedName) {
  Deployment(ShellComponent("db", "vars = { DB_PASSWORD = \"pw-Name-31415\" }\n"
                             "sensitive = [\"DB_PASSWORD\"]\n"
                             "commands.apply = \"echo $DB_PASSWORD=1 >> $GANTRY_OUTPUT; "
                             "echo x-$DB_PASSWORD=2 >> $GANTRY_OUTPUT\""));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({"pw-Name-31415"}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("[db] gantry: the name of output '***' holds a secret: recorded masked"));
  EXPECT_EQ(SummaryOutputs("db"), nlohmann::json({{"***", "1"}, {"x-***", "2"}}));
}

// `header` holds the component's own sensitive output; `use` copies it downstream.
TEST_F(SecretsCliTest, AnOutputHoldingASensitiveOutputAndItsDownstreamCopyAreMasked) {
  dir_.Write("src/key.txt", "AK-secret-161803\n");
  Deployment(ShellComponent("api", "source = \"src\"\nsensitive = [\"apikey\"]\n"
                              "commands.apply = \"k=$(cat key.txt); echo apikey=$k >> $GANTRY_OUTPUT; "
                              "echo header=Bearer-$k >> $GANTRY_OUTPUT\"") +
             ShellComponent("use", "vars = { H = \"${api.header}\" }\n"
                              "commands.apply = \"echo using $H; echo copy=$H >> $GANTRY_OUTPUT\""));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({"AK-secret-161803"}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("[api] gantry: output 'header' holds a secret"));
  EXPECT_THAT(r.out, HasSubstr("[use] using ***\n"));
  EXPECT_THAT(r.out, HasSubstr("[use] gantry: output 'copy' holds a secret"));
  EXPECT_EQ(SummaryOutputs("api"), nlohmann::json({{"apikey", "***"}, {"header", "***"}}));
  EXPECT_EQ(SummaryOutputs("use"), nlohmann::json({{"copy", "***"}}));
}

// Gantry learns a component's own sensitive outputs when it finishes: what it printed of
// them before is masked in its log afterwards (the console has shown it, and says so).
TEST_F(SecretsCliTest, AnOwnSensitiveOutputPrintedBeforeItWasKnownIsMaskedInTheLog) {
  dir_.Write("src/key.txt", "AK-own-secret-1414\n");
  Deployment(ShellComponent("api", "source = \"src\"\nsensitive = [\"apikey\"]\n"
                              "commands.apply = \"k=$(cat key.txt); echo the key is $k; "
                              "echo apikey=$k >> $GANTRY_OUTPUT\""));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("[api] gantry: a sensitive output was printed before gantry knew "
                               "it: masked in the log, not on the console"));
  const std::vector<Written> files = EverythingButTheApplyConsole();
  EXPECT_THAT(Leaks({"AK-own-secret-1414"}, files), IsEmpty());
  EXPECT_EQ(ComponentLog("api"), "the key is ***\ngantry: a sensitive output was printed before gantry knew it: "
                 "masked in the log, not on the console\n");
}

// A plugin's own sensitive output is a secret from the moment it is set: what the
// component prints afterwards (the plugin, a child) is masked on the console too, each
// string of a JSON one alike. Only what came before is shown, and masked in the log later.
TEST_F(SecretsCliTest, AnOwnSensitiveOutputIsMaskedFromTheMomentItIsSet) {
  Deployment(Steps("db", {"out early pw-set-1732",
                          R"(output creds sensitive+json {"user": "u-set-2", "password": "pw-set-1732"})",
                          "out after: pw-set-1732 as u-set-2",
                          "run echo child: pw-set-1732; echo child err: u-set-2 >&2"}));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("[db] early pw-set-1732\n[db] after: *** as ***\n[db] child: ***\n"
                               "[db] child err: ***\n"));
  const std::vector<Written> files = EverythingButTheApplyConsole();
  EXPECT_THAT(Leaks({"pw-set-1732", "u-set-2"}, files), IsEmpty());
  EXPECT_THAT(ComponentLog("db"), HasSubstr("early ***\nafter: *** as ***\n"));
}

// A component that fails after setting a sensitive output it had printed: its log is
// masked again all the same.
TEST_F(SecretsCliTest, AFailedComponentsLogIsMaskedAgainToo) {
  Deployment(Steps("db", {"out early pw-failed-2024", "output pw sensitive pw-failed-2024",
                          "error it broke"},
                   "status = \"failed\""));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(Leaks({"pw-failed-2024"}, EverythingButTheApplyConsole()), IsEmpty());
  EXPECT_THAT(ComponentLog("db"), HasSubstr("early ***\n"));
}

// The log is masked again (replaced) when the component ends: what the stream says after
// that (an undeclared output) must land in the new file, not in the replaced one.
TEST_F(SecretsCliTest, WhatFollowsTheLogMaskedAgainIsInTheLog) {
  Deployment("[components.app]\ntype = \"keeper\"\nvalues = { token = \"tok-keeper-4142\", lit = \"x\" }\n");
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string log = ComponentLog("app");
  EXPECT_THAT(log, HasSubstr(R"(received: {"values":{"lit":"x","token":"***"}})"));
  EXPECT_THAT(log, HasSubstr("gantry: output 'lit' is not among the outputs declared for type 'keeper'"));
  EXPECT_THAT(log, HasSubstr("gantry: a sensitive output was printed before gantry knew it"));
}

// What a plugin says during execute (gantry_host.log, report_diagnostic, a refusal,
// report_error and the retry it causes) is masked on the console, in the log, the journal
// and events, with the secrets as they are then: an output set a moment before included.
TEST_F(SecretsCliTest, WhatAPluginSaysDuringExecuteIsMasked) {
  Deployment(Steps("db",
                   {"output pw sensitive pw-msg-4711", "log logging pw-msg-4711 and {CFG}",
                    "warn weak: pw-msg-4711", "output k-{BAD} plain x",
                    "error failing with pw-msg-4711 and {CFG}"},
                   "vars = { CFG = \"cfg-var-2236\", BAD = \"bad.key.1618\" }\n"
                   "sensitive = [\"CFG\", \"BAD\"]\nstatus = \"retryable\"\nretries = 1"));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(Leaks({"pw-msg-4711", "cfg-var-2236", "bad.key.1618"}, Everything()), IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("[db] logging *** and ***"));
  EXPECT_THAT(r.err, HasSubstr("[db] 'token': weak: ***"));
  EXPECT_THAT(r.err, HasSubstr("[db] set_output: output key 'k-***' is refused"));
  EXPECT_THAT(r.out, HasSubstr("[db] gantry: attempt 1 failed (failing with *** and ***)"));
  EXPECT_THAT(ReadText(dir_ / "events.jsonl"), HasSubstr("failing with *** and ***"));
}

// Validate and discover see the literal vars: what a plugin says of a sensitive one there
// (log, a warning, a refusal, an error) is masked too.
TEST_F(SecretsCliTest, WhatAPluginSaysInValidateAndDiscoverIsMasked) {
  Deployment(Steps("db", {},
                   "validate = [\"log validating {PW}\", \"warn weak: {PW}\", \"output x-{PW} plain y\"]\n"
                   "discover = [\"log discovering {PW}\", \"error bad: {PW}\"]\n"
                   "vars = { PW = \"pw-check-5772\" }\nsensitive = [\"PW\"]"));
  for (const char* command : {"validate", "apply"}) {
    const gantry::testing::CliResult r = Gantry({command});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("validating ***"));
    EXPECT_THAT(r.err, HasSubstr("weak: ***"));
    EXPECT_THAT(r.err, HasSubstr("set_output('x-***') refused"));
    EXPECT_THAT(r.err, HasSubstr("discovering ***"));
    EXPECT_THAT(r.err, HasSubstr("bad: ***"));
  }
  EXPECT_THAT(Leaks({"pw-check-5772"}, printed_), IsEmpty());
}

// A setting its type declares sensitive (GANTRY_SETTING_SENSITIVE) is a secret: as
// written, and as a reference fills it in; `validate --show` shows it masked.
TEST_F(SecretsCliTest, ASettingDeclaredSensitiveIsASecret) {
  Deployment(Steps("db", {"output plain plain pw-from-output-3141"}) +
             Steps("own", {"out using {token}", "log logging {token}"}, "token = \"tok-setting-8080\"") +
             Steps("ref", {"out using {token}"}, "token = \"${db.plain}\""));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("[own] using ***\n"));
  EXPECT_THAT(r.err, HasSubstr("[own] logging ***"));
  EXPECT_THAT(r.out, HasSubstr("[ref] using ***\n"));
  const gantry::testing::CliResult shown = Gantry({"validate", "--show", "own"});
  EXPECT_EQ(nlohmann::json::parse(shown.out, nullptr, false)["settings"]["token"], "***") << shown.out;
  EXPECT_THAT(Leaks({"tok-setting-8080"}, Everything()), IsEmpty());
}

// A component's own sensitive vars are secrets before it starts: its first line is
// masked, the value inside a longer line too. A var that is not a string is exported as
// JSON; that text is a secret, and so is each string in it, as each string leaf of a
// sensitive JSON output is.
TEST_F(SecretsCliTest, EachStringOfASensitiveJsonVarIsASecret) {
  Deployment(ShellComponent(
      "db", absl::StrCat("vars = { PW = \"pw-own-2718\", CREDS = { user = \"u-admin-77\", "
                         "password = \"pw-in-json-99\", pin = 4321 } }\n"
                         "sensitive = [\"PW\", \"CREDS\"]\ncommands.apply = ",
                         Quoted("echo \"conn=postgres://x:$PW@db/app\"; python3 -c 'import json,os; "
                                "print(json.loads(os.environ[\"CREDS\"])[\"password\"])'; echo \"creds: $CREDS\""))));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({"pw-own-2718", "u-admin-77", "pw-in-json-99"}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("gantry: db started\n[db] conn=postgres://x:***@db/app\n[db] ***\n"
                               "[db] creds: ***\n"));
}

// Each string of a sensitive JSON output is a secret, and so is the whole value as a
// reference hands it on (compact, keys sorted: not the text the plugin set); a number
// printed alone is not. A component taking them (the whole value, or inside a longer
// string) knows them before it starts: its first line is masked.
TEST_F(SecretsCliTest, EachStringOfASensitiveJsonOutputIsASecretDownstream) {
  Deployment(
      Steps("db", {R"(output creds sensitive+json {"user": "u-admin-31", "password": "hunter2-xyz", "ports": [5432]})",
                   R"(output keys sensitive+json ["tok-abc","tok-def"])"}) +
      ShellComponent("use", absl::StrCat(
                           "vars = { C = \"${db.creds}\", K = \"${db.keys}\", L = \"pw=${db.creds}\" }\n"
                           "commands.apply = ",
                           Quoted("echo \"$C\"; echo \"$K\"; echo \"$L\"; python3 -c 'import json,os; "
                                  "c = json.loads(os.environ[\"C\"]); print(c[\"password\"], c[\"ports\"][0]); "
                                  "print(json.loads(os.environ[\"K\"])[1])'"))));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({"u-admin-31", "hunter2-xyz", "tok-abc", "tok-def"}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("gantry: use started\n[use] ***\n[use] ***\n[use] pw=***\n"
                               "[use] *** 5432\n[use] ***\n"));
  EXPECT_EQ(SummaryOutputs("db"), nlohmann::json({{"creds", "***"}, {"keys", "***"}}));
}

// Terraform prints JSON pretty: the lines of such a value ("{", "}") are not secrets.
TEST_F(SecretsCliTest, APrettyPrintedSensitiveJsonOutputMasksItsStringsNotItsBraces) {
  Deployment(Steps("db", {"output creds sensitive+json {\n  \"password\": \"hunter2-pretty\",\n"
                          "  \"port\": 5432\n}"}) +
             ShellComponent("use", "vars = { C = \"${db.creds}\" }\ncommands.apply = " +
                                  Quoted("echo \"$C\"; echo '{\"ok\": true}'")));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({"hunter2-pretty"}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("[use] ***\n[use] {\"ok\": true}\n"));
}

TEST_F(SecretsCliTest, ASecretPrintedJsonEscapedIsMasked) {
  const std::string secret = "q\"uo\\te-\xc3\xa9t\xc3\xa9-\xf0\x9f\x94\x91-end";  // q"uo\te-été-🔑-end
  Deployment(ShellComponent(
      "db", absl::StrCat("vars = { S = ", Quoted(secret), " }\nsensitive = [\"S\"]\ncommands.apply = ",
                         Quoted("python3 -c 'import json,os; print(json.dumps(os.environ[\"S\"])); "
                                "print(json.dumps({\"s\": os.environ[\"S\"]}, ensure_ascii=False))'; "
                                "python3 -c 'import json,os; print(\"cfg=\" + json.dumps(os.environ[\"S\"]))' "
                                ">> $GANTRY_OUTPUT"))));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(Leaks({secret}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("[db] \"***\"\n"));
  EXPECT_THAT(r.out, HasSubstr("[db] {\"s\": \"***\"}\n"));
  EXPECT_EQ(SummaryOutputs("db"), nlohmann::json({{"cfg", "***"}}));
}

TEST_F(SecretsCliTest, ASecretAcrossTheLineCutIsMasked) {
  const std::string secret = "cut-secret-0123456789";
  std::string body = absl::StrCat("vars = { S = ", Quoted(secret), " }\nsensitive = [\"S\"]\n");
  // The secret starts 5 bytes before the cut, on stdout and on stderr.
  absl::StrAppend(&body, "commands.apply = ",
                  Quoted(absl::StrCat("python3 -c 'import os,sys; line = \"x\" * ", kLineCut - 5,
                                      " + os.environ[\"S\"] + \"y\\n\"; sys.stdout.write(line); "
                                      "sys.stderr.write(line)'")));
  Deployment(ShellComponent("big", body));
  const gantry::testing::CliResult r = ApplyAndReadBack();
  ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 1000);
  EXPECT_THAT(Leaks({secret}, Everything()), IsEmpty());
  EXPECT_THAT(r.out, HasSubstr("***y\n"));
}

// Random secrets (quotes, backslashes, non-ASCII, line ends) through every sink: printed
// raw, JSON-escaped both ways, across the 1 MiB cut on both streams; in an output's
// value and name; a sensitive output and another holding it; copied downstream; in a
// failure's message. No file gantry wrote, but the state's outputs files, holds one.
TEST_F(SecretsCliTest, RandomSecretsReachNoRecord) {
  // The script the `leak` component runs; its secrets are S0.., its token in token.txt.
  dir_.Write("src/leak.py", R"(import json, os, sys
out = sys.stdout.buffer
err = sys.stderr.buffer
def b(text): return text.encode("utf-8", "surrogateescape")
outputs = []
token = open("token.txt", encoding="utf-8").read().strip("\n")
outputs += ["token=" + token, "header=Bearer-" + token]
for i in range(int(os.environ["N"])):
    s = os.environ["S%d" % i]
    first = s.split("\n")[0]
    out.write(b(s + "\n"))
    err.write(b("stderr: " + s + "\n"))
    out.write(b(json.dumps(s) + "\n"))
    out.write(b(json.dumps({"s": s}, ensure_ascii=False) + "\n"))
    offset = 1 + (i * 7) % (len(first.encode("utf-8")) - 1)
    out.write(b"x" * (1048576 - offset) + b(first + "\n"))
    err.write(b"e" * (1048576 - offset) + b(first + "\n"))
    outputs += ["url%d=https://admin:%s@db.local" % (i, first),
                "json%d=%s" % (i, json.dumps({"pw": s}))]
with open(os.environ["GANTRY_OUTPUT"], "a", encoding="utf-8", errors="surrogateescape") as f:
    f.write("\n".join(outputs) + "\n")
)");
  // A fixed seed, so a failure repeats; GANTRY_TEST_SEED=N tries others.
  const char* seed_text = std::getenv("GANTRY_TEST_SEED");
  const unsigned seed = seed_text != nullptr ? static_cast<unsigned>(std::atoll(seed_text)) : 20261202;
  SCOPED_TRACE(absl::StrCat("GANTRY_TEST_SEED=", seed));
  std::mt19937 random(seed);
  const std::vector<std::string> alphabet = {
      "a", "b", "Z", "7", " ", "\"", "\\", "'", "`", "!", "#", "%", "&", "/", "<", ">", "\t",
      "\xc3\xa9", "\xc3\xbc", "\xe4\xb8\xad", "\xe2\x82\xac", "\xf0\x9f\x94\x91", "\xf0\x9f\x98\x80"};
  // A line of 8 to `most` characters, starting with a letter (not '#', not blank).
  const auto line = [&](size_t most = 40) {
    std::string text = std::string(1, static_cast<char>('A' + random() % 26));
    const size_t length = 8 + random() % (most - 7);
    for (size_t n = 1; n < length; ++n) text += alphabet[random() % alphabet.size()];
    return text;
  };
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    std::vector<std::string> secrets;
    std::string vars = "N = \"3\"";
    for (int i = 0; i < 3; ++i) {
      std::string secret = line();
      if (random() % 2 == 0) secret += "\n" + line();  // multi-line
      absl::StrAppend(&vars, ", S", i, " = ", Quoted(secret));
      secrets.push_back(secret);
    }
    const std::string token = line();
    const std::string failure = line(20);  // At most 80 bytes: the error quotes 80.
    secrets.push_back(token);
    secrets.push_back(failure);
    dir_.Write("src/token.txt", token + "\n");
    Deployment(
        ShellComponent("leak", absl::StrCat("source = \"src\"\nvars = { ", vars,
                                       " }\nsensitive = [\"S0\", \"S1\", \"S2\", \"token\"]\n"
                                       "commands.apply = \"python3 leak.py\"")) +
        ShellComponent("down",
                  absl::StrCat("vars = { H = \"${leak.header}\", U = \"${leak.url0}\", "
                               "J = \"${leak.json1}\" }\ncommands.apply = ",
                               Quoted("printf '%s %s %s\\n' \"$H\" \"$U\" \"$J\"; printf "
                                      "'copy=%s\\ncopy-url=%s\\n' \"$H\" \"$U\" >> $GANTRY_OUTPUT"))) +
        // Its output file holds a line that is no key=value, and a key the output key rule
        // refuses: both errors quote the secret, masked.
        ShellComponent("fails", absl::StrCat("depends_on = [\"down\"]\nvars = { F = ", Quoted(failure),
                                        " }\nsensitive = [\"F\"]\ncommands.apply = ",
                                        Quoted("printf '%s\\nk-%s=x\\n' \"$F\" \"$F\" >> "
                                               "$GANTRY_OUTPUT"))));
    const gantry::testing::CliResult r = ApplyAndReadBack();
    EXPECT_EQ(r.exit_code, 1) << r.err.substr(0, 2000);
    EXPECT_THAT(r.out, HasSubstr("[fails] gantry: $GANTRY_OUTPUT line 1 is not key=value: '***'"));
    EXPECT_THAT(r.out, HasSubstr("gantry refused the output 'k-***'"));
    EXPECT_THAT(r.err, HasSubstr("[fails] set_output: output key 'k-***' is refused"));
    EXPECT_THAT(r.out, HasSubstr("[down] gantry: output 'copy' holds a secret"));
    EXPECT_THAT(Leaks(secrets, Everything()), IsEmpty());
    // What later runs need is kept.
    EXPECT_THAT(ReadText(OutputsFile("leak")), HasSubstr(nlohmann::json(token).dump()));
    printed_.clear();
  }
}

}  // namespace
}  // namespace gantry::cli
