#include "core/graph/references.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/config/suggest.h"

namespace gantry::graph {
namespace {

using nlohmann::json;

// Calls on_literal / on_reference for each piece of `text`; returns false and fills
// `error` on a malformed reference.
template <class Literal, class Ref>
bool ScanString(const std::string& text, Literal on_literal, Ref on_reference, std::string& error) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t dollar = text.find('$', i);
    if (dollar == std::string::npos) {
      on_literal(text.substr(i));
      return true;
    }
    on_literal(text.substr(i, dollar - i));
    if (text.compare(dollar, 3, "$${") == 0) {  // escaped: a literal "${"
      on_literal("${");
      i = dollar + 3;
      continue;
    }
    if (text.compare(dollar, 2, "${") != 0) {
      on_literal("$");
      i = dollar + 1;
      continue;
    }
    const size_t close = text.find('}', dollar);
    if (close == std::string::npos) {
      error = absl::StrCat("unclosed reference in \"", text, "\"; write ${component.output}");
      return false;
    }
    const std::string inner = text.substr(dollar + 2, close - dollar - 2);
    const size_t dot = inner.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == inner.size()) {
      error = absl::StrCat("\"${", inner, "}\" is not a reference of the form ${component.output}");
      return false;
    }
    on_reference(inner.substr(0, dot), inner.substr(dot + 1));
    i = close + 1;
  }
  return true;
}

struct Missing {
  std::string component, output;
};

json Substitute(const json& value, const OutputLookup& lookup, std::vector<Missing>& missing) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[key] = Substitute(item, lookup, missing);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(Substitute(item, lookup, missing));
    return out;
  }
  if (!value.is_string()) return value;
  const std::string& text = value.get_ref<const std::string&>();
  std::string result;
  int references = 0;
  bool only_reference = true;
  std::optional<OutputText> single;
  std::string error;
  ScanString(
      text,
      [&](const std::string& literal) {
        if (!literal.empty()) only_reference = false;
        result += literal;
      },
      [&](const std::string& component, const std::string& output) {
        ++references;
        std::optional<OutputText> found = lookup(component, output);
        if (!found) {
          missing.push_back({component, output});
          return;
        }
        single = found;
        result += found->value;
      },
      error);
  if (references == 1 && only_reference && single && single->is_json) {
    json parsed = json::parse(single->value, nullptr, false);
    if (!parsed.is_discarded()) return parsed;
  }
  return result;
}

}  // namespace

void ForEachString(const json& value, const std::string& path,
                   const std::function<void(const std::string&, const std::string&)>& visit) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) ForEachString(item, path + "." + key, visit);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      ForEachString(value[i], absl::StrCat(path, "[", i, "]"), visit);
  } else if (value.is_string()) {
    visit(path, value.get_ref<const std::string&>());
  }
}

std::vector<Reference> FindReferences(const json& value, const std::string& path,
                                      std::vector<ReferenceError>& errors) {
  std::vector<Reference> out;
  ForEachString(value, path, [&](const std::string& at, const std::string& text) {
    std::string error;
    if (!ScanString(
            text, [](const std::string&) {},
            [&](const std::string& component, const std::string& output) {
              out.push_back({component, output, at});
            },
            error))
      errors.push_back({at, error});
  });
  return out;
}

std::vector<Reference> FindReferences(const json& vars, std::vector<std::string>& errors) {
  std::vector<ReferenceError> found;
  std::vector<Reference> out = FindReferences(vars, "vars", found);
  for (const ReferenceError& e : found) errors.push_back(absl::StrCat(e.path, ": ", e.message));
  return out;
}

std::vector<std::string> ReferenceShapes(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = text.find("${"); i != std::string::npos; i = text.find("${", i + 2)) {
    if (i > 0 && text[i - 1] == '$') continue;  // "$${": a literal
    const size_t close = text.find('}', i);
    if (close == std::string::npos) break;
    const std::string inner = text.substr(i + 2, close - i - 2);
    const size_t dot = inner.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == inner.size()) continue;
    const bool component_like = std::all_of(inner.begin(), inner.begin() + dot, [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '_' || c == '-' || c == '/';
    });
    if (component_like) out.push_back(text.substr(i, close - i + 1));
  }
  return out;
}

absl::StatusOr<json> SubstituteReferences(const json& value, const OutputLookup& lookup,
                                          const RecordedOutputs& recorded) {
  std::vector<Missing> missing;
  json out = Substitute(value, lookup, missing);
  if (missing.empty()) return out;
  std::vector<std::string> unrecorded;  // their producers have no outputs at all
  std::vector<std::string> problems;
  for (const Missing& m : missing) {
    std::optional<std::vector<std::string>> names =
        recorded ? recorded(m.component) : std::nullopt;
    if (!names || names->empty()) {
      unrecorded.push_back(absl::StrCat(m.component, ".", m.output));
      continue;
    }
    problems.push_back(absl::StrCat("component '", m.component, "' has no output '", m.output,
                                    "'", config::DidYouMean(m.output, *names),
                                    "; its outputs are: ", absl::StrJoin(*names, ", ")));
  }
  if (!unrecorded.empty())
    problems.push_back(absl::StrCat("missing outputs: ", absl::StrJoin(unrecorded, ", "),
                                    " (apply the components that produce them first)"));
  return absl::FailedPreconditionError(absl::StrJoin(problems, "; "));
}

}  // namespace gantry::graph
