#include "inventory.h"

#include "gantry/json.hpp"

namespace gantry::ansible {

bool IsThisMachine(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

std::string InventoryJson(const std::vector<std::string>& hosts,
                          std::string_view local_remote_tmp) {
  json::Object members;
  auto add = [&](const std::string& name, json::Object vars) {
    for (const auto& [existing, ignored] : members)
      if (existing == name) return;
    if (IsThisMachine(name)) vars.emplace_back("ansible_remote_tmp", std::string(local_remote_tmp));
    members.emplace_back(name, json::Value(std::move(vars)));
  };
  if (hosts.empty())
    add("localhost", {{"ansible_connection", "local"},
                      {"ansible_python_interpreter", "{{ ansible_playbook_python }}"}});
  for (const std::string& host : hosts) add(host, {});
  const json::Value inventory = json::Object{{"all", json::Object{{"hosts", std::move(members)}}}};
  return inventory.Dump() + "\n";
}

}  // namespace gantry::ansible
