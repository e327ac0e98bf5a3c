#include "core/cli/completion_spec.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace gantry::cli {
namespace {

// A list takes CLI11's "as many as you like" (1 << 29); anything near it is unbounded.
constexpr int kManyWords = 1 << 20;

std::vector<std::string> Choices(const std::string& type_name) {
  const size_t open = type_name.find(":{");
  const size_t close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return absl::StrSplit(type_name.substr(open + 2, close - open - 2), ',', absl::SkipEmpty());
}

OptionSpec DescribeOption(const CLI::Option& option) {
  OptionSpec spec;
  for (const std::string& name : option.get_snames()) spec.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) spec.names.push_back("--" + name);
  spec.description = option.get_description();
  spec.takes_value = option.get_items_expected_max() > 0;
  if (spec.takes_value) spec.value = ValueOf(option);
  return spec;
}

PositionalSpec DescribePositional(const CLI::Option& option) {
  PositionalSpec spec;
  spec.name = option.get_name();
  const int most = option.get_items_expected_max();
  spec.max_count = most >= kManyWords ? PositionalSpec::kUnbounded : most;
  spec.value = ValueOf(option);
  return spec;
}

void Describe(const CLI::App& app, const std::string& path, CommandSpec& spec) {
  spec.path = path;
  spec.name = app.get_name();
  spec.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) {
      spec.positionals.push_back(DescribePositional(*option));
    } else {
      spec.options.push_back(DescribeOption(*option));
    }
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden: gantry's own plumbing
    CommandSpec& child = spec.subcommands.emplace_back();
    Describe(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), child);
  }
}

void Collect(const CommandSpec& spec, std::vector<const CommandSpec*>& all) {
  all.push_back(&spec);
  for (const CommandSpec& sub : spec.subcommands) Collect(sub, all);
}

}  // namespace

ValueSpec ValueOf(const CLI::Option& option) {
  ValueSpec value;
  const std::string type_name = option.get_type_name();
  const std::string type = type_name.substr(0, type_name.find(':'));
  if (type == "COMPONENT" || (!option.nonpositional() && option.get_name() == "COMPONENT")) {
    value.kind = ValueSpec::Kind::kComponent;
  } else if (type == "FILE" || type == "DIR") {  // the shells' file words offer directories
    value.kind = ValueSpec::Kind::kFile;
  } else if (std::vector<std::string> choices = Choices(type_name); !choices.empty()) {
    value.kind = ValueSpec::Kind::kChoices;
    value.choices = std::move(choices);
  }
  return value;
}

std::vector<PositionalRange> PositionalRanges(const CommandSpec& command) {
  std::vector<PositionalRange> ranges;
  int next = 0;
  for (const PositionalSpec& positional : command.positionals) {
    PositionalRange& range = ranges.emplace_back();
    range.first = next;
    range.positional = &positional;
    if (positional.max_count == PositionalSpec::kUnbounded) {
      range.last = PositionalSpec::kUnbounded;
      break;  // a list takes every word left: nothing after it is reached
    }
    range.last = next + positional.max_count - 1;
    next += positional.max_count;
  }
  return ranges;
}

std::string ValueWord(const ValueSpec& value) {
  switch (value.kind) {
    case ValueSpec::Kind::kChoices:
      return "choices " + absl::StrJoin(value.choices, " ");
    case ValueSpec::Kind::kComponent:
      return "component";
    case ValueSpec::Kind::kFile:
      return "file";
    case ValueSpec::Kind::kAnything:
      break;
  }
  return "anything";
}

CommandSpec DescribeCommands(const CLI::App& app) {
  CommandSpec spec;
  Describe(app, "", spec);
  spec.name.clear();  // the program's own name is whatever the user calls it
  return spec;
}

std::vector<const CommandSpec*> AllCommands(const CommandSpec& spec) {
  std::vector<const CommandSpec*> all;
  Collect(spec, all);
  return all;
}

}  // namespace gantry::cli
