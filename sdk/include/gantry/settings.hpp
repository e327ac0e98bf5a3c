// Typed, path-addressed reading of a component's settings (component.settings_json).
//
//   const gantry::Settings settings(component.settings_json);
//   const std::vector<std::string> apply = settings.Strings("commands.apply");
//   const int64_t retries = settings.Int("retries", 0);
//
// Keys are dotted paths: "commands.apply" is member "apply" of the table "commands" (use
// GetKey for a top-level key that itself contains a dot). An absent setting, or a null one,
// gives the fallback. A setting of the wrong type throws SettingError naming the setting's
// path, so the caller can point at the line that set it; the message uses the words of the
// configuration file (a list, a table) rather than JSON's (an array, an object).
#ifndef GANTRY_SETTINGS_HPP
#define GANTRY_SETTINGS_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gantry/json.hpp"

namespace gantry {

/// A setting has the wrong type. what() is "<path> <message>".
class SettingError : public std::runtime_error {
 public:
  /// `path` is the dotted setting path ("commands.apply"); `message` says what was wrong
  /// ("must be a string or a list of strings, found a number").
  SettingError(std::string path, std::string message)
      : std::runtime_error(path.empty() ? message : path + " " + message),
        path_(std::move(path)),
        message_(std::move(message)) {}

  /// Dotted path of the setting, e.g. "commands.apply"; empty for the settings as a whole.
  const std::string& path() const noexcept { return path_; }
  /// What was wrong, without the path.
  const std::string& message() const noexcept { return message_; }

 private:
  std::string path_;
  std::string message_;
};

/// A component's settings, parsed once.
class Settings {
 public:
  /// No settings.
  Settings() : root_(json::Object{}) {}

  /// Parses `json`, which must be an object; empty or blank text means no settings.
  /// Throws json::ParseError on bad JSON, SettingError (empty path) for a non-object.
  explicit Settings(std::string_view json) : Settings() {
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    SetRoot(json::Parse(json));
  }

  /// Settings from an already parsed value, which must be an object (SettingError
  /// otherwise). A named function, not a constructor: Settings("{}") must not be ambiguous.
  static Settings FromValue(json::Value root) {
    Settings settings;
    settings.SetRoot(std::move(root));
    return settings;
  }

  /// The whole settings object.
  const json::Value& root() const noexcept { return root_; }

  /// The value at dotted `path`, or nullptr when it (or a table on the way) is absent, or
  /// when a step on the way is not a table. Never throws.
  const json::Value* Get(std::string_view path) const noexcept {
    const json::Value* value = &root_;
    for (;;) {
      const std::size_t dot = path.find('.');
      value = value->find(path.substr(0, dot));
      if (value == nullptr || dot == std::string_view::npos) return value;
      path.remove_prefix(dot + 1);
    }
  }

  /// The top-level member named exactly `key` (dots included), or nullptr.
  const json::Value* GetKey(std::string_view key) const noexcept { return root_.find(key); }

  /// True when the setting at `path` is present and not null.
  bool Has(std::string_view path) const noexcept {
    const json::Value* value = Get(path);
    return value != nullptr && !value->is_null();
  }

  /// The string at `path`, or `fallback` when absent.
  std::string String(std::string_view path, std::string_view fallback = "") const {
    const json::Value* value = Find(path);
    if (value == nullptr) return std::string(fallback);
    if (!value->is_string()) Mismatch(path, "a string", *value);
    return value->as_string();
  }

  /// The boolean at `path`, or `fallback` when absent.
  bool Bool(std::string_view path, bool fallback) const {
    const json::Value* value = Find(path);
    if (value == nullptr) return fallback;
    if (!value->is_bool()) Mismatch(path, "true or false", *value);
    return value->as_bool();
  }

  /// The integer at `path` (a number with no fraction counts), or `fallback` when absent.
  int64_t Int(std::string_view path, int64_t fallback) const {
    const json::Value* value = Find(path);
    if (value == nullptr) return fallback;
    if (!value->is_number()) Mismatch(path, "an integer", *value);
    if (value->is_int()) return value->as_int();
    const double number = value->as_double();
    if (std::trunc(number) != number) {
      throw SettingError(std::string(path), "must be an integer, found a fractional number");
    }
    // 2^63 is exact as a double; every integral double below it converts.
    if (!(number >= -9223372036854775808.0 && number < 9223372036854775808.0)) {
      throw SettingError(std::string(path), "must be an integer, found a number too large");
    }
    return static_cast<int64_t>(number);
  }

  /// The number at `path` (integers converted), or `fallback` when absent.
  double Number(std::string_view path, double fallback) const {
    const json::Value* value = Find(path);
    if (value == nullptr) return fallback;
    if (!value->is_number()) Mismatch(path, "a number", *value);
    return value->as_double();
  }

  /// A string or a list of strings at `path` ("a command or a list"), as a list; empty
  /// when absent.
  std::vector<std::string> Strings(std::string_view path) const {
    static constexpr const char* kExpected = "a string or a list of strings";
    std::vector<std::string> out;
    const json::Value* value = Find(path);
    if (value == nullptr) return out;
    if (value->is_string()) {
      out.push_back(value->as_string());
      return out;
    }
    if (!value->is_array()) Mismatch(path, kExpected, *value);
    const json::Array& items = value->as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_string()) {
        throw SettingError(std::string(path), std::string("must be ") + kExpected + ", found " +
                                                  Describe(items[i]) + " at index " +
                                                  std::to_string(i));
      }
      out.push_back(items[i].as_string());
    }
    return out;
  }

  /// A table of strings at `path` (environment variables, labels), sorted by key; empty
  /// when absent.
  std::map<std::string, std::string> StringMap(std::string_view path) const {
    static constexpr const char* kExpected = "a table of strings";
    std::map<std::string, std::string> out;
    const json::Value* value = Find(path);
    if (value == nullptr) return out;
    if (!value->is_object()) Mismatch(path, kExpected, *value);
    for (const auto& [key, item] : value->as_object()) {
      if (!item.is_string()) {
        std::string quoted;
        json::detail::DumpString(key, quoted);
        throw SettingError(std::string(path), std::string("must be ") + kExpected + ", found " +
                                                  Describe(item) + " at key " + quoted);
      }
      out[key] = item.as_string();
    }
    return out;
  }

  /// The value's type in the configuration file's words: "a string", "a boolean",
  /// "an integer", "a number", "a list", "a table", "null".
  static std::string Describe(const json::Value& value) {
    switch (value.type()) {
      case json::Type::kArray: return "a list";
      case json::Type::kObject: return "a table";
      default: return json::TypeName(value.type());
    }
  }

 private:
  void SetRoot(json::Value root) {
    if (!root.is_object()) {
      throw SettingError("", "settings must be a table, found " + Describe(root));
    }
    root_ = std::move(root);
  }

  /// Like Get, but null counts as absent and a non-table on the way is a SettingError.
  const json::Value* Find(std::string_view path) const {
    const json::Value* value = &root_;
    std::size_t start = 0;
    for (;;) {
      const std::size_t dot = path.find('.', start);
      const std::string_view key = path.substr(start, dot == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : dot - start);
      if (!value->is_object()) {
        Mismatch(path.substr(0, start == 0 ? 0 : start - 1), "a table", *value);
      }
      value = value->find(key);
      if (value == nullptr || value->is_null()) return nullptr;
      if (dot == std::string_view::npos) return value;
      start = dot + 1;
    }
  }

  [[noreturn]] static void Mismatch(std::string_view path, const char* expected,
                                    const json::Value& found) {
    throw SettingError(std::string(path),
                       std::string("must be ") + expected + ", found " + Describe(found));
  }

  json::Value root_;
};

}  // namespace gantry

#endif  // GANTRY_SETTINGS_HPP
