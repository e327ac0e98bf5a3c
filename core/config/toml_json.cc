#include "core/config/toml_json.h"

#include <sstream>

namespace gantry::config {

nlohmann::json TomlToJson(const toml::node& node) {
  if (const toml::table* table = node.as_table()) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, value] : *table) object[std::string(key.str())] = TomlToJson(value);
    return object;
  }
  if (const toml::array* array = node.as_array()) {
    nlohmann::json list = nlohmann::json::array();
    for (const toml::node& value : *array) list.push_back(TomlToJson(value));
    return list;
  }
  if (auto s = node.value_exact<std::string>()) return *s;
  if (auto i = node.value_exact<int64_t>()) return *i;
  if (auto d = node.value_exact<double>()) return *d;
  if (auto b = node.value_exact<bool>()) return *b;
  std::ostringstream text;  // date, time, date-time
  node.visit([&](const auto& value) { text << value; });
  return text.str();
}

}  // namespace gantry::config
