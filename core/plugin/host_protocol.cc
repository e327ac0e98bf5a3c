#include "core/plugin/host_protocol.h"

namespace gantry::plugin::protocol {

void Put(wire::Writer& w, const PluginInfo& info) {
  w.Str(info.path).Str(info.name).Str(info.version).Str(info.description);
  w.U32(info.abi_version).U32(info.descriptor_size).U64(info.capabilities);
  w.Strs(info.types).Strs(info.operations);
  w.Bool(info.settings.has_value());
  if (info.settings) {
    w.U32(static_cast<uint32_t>(info.settings->size()));
    for (const SettingSpec& s : *info.settings) {
      w.Str(s.name).U32(s.types).U32(s.item_types).U32(s.flags);
      w.Str(s.default_json).Strs(s.allowed).Str(s.description);
    }
  }
  w.Bool(info.outputs.has_value());
  if (info.outputs) {
    w.U32(static_cast<uint32_t>(info.outputs->size()));
    for (const OutputSpec& o : *info.outputs) w.Str(o.name).Bool(o.sensitive).Str(o.description);
  }
  w.Bool(info.has_validate).Bool(info.has_discover).Bool(info.has_execute);
  w.Bool(info.has_check_saved_plan).Bool(info.has_recognize);
}

void Get(wire::Reader& r, PluginInfo& info) {
  info.path = r.Str();
  info.name = r.Str();
  info.version = r.Str();
  info.description = r.Str();
  info.abi_version = r.U32();
  info.descriptor_size = r.U32();
  info.capabilities = r.U64();
  info.types = r.Strs();
  info.operations = r.Strs();
  if (r.Bool()) {
    info.settings.emplace();
    for (uint32_t n = r.U32(); n > 0 && r.ok(); --n) {
      SettingSpec s;
      s.name = r.Str();
      s.types = r.U32();
      s.item_types = r.U32();
      s.flags = r.U32();
      s.default_json = r.Str();
      s.allowed = r.Strs();
      s.description = r.Str();
      info.settings->push_back(std::move(s));
    }
  }
  if (r.Bool()) {
    info.outputs.emplace();
    for (uint32_t n = r.U32(); n > 0 && r.ok(); --n) {
      OutputSpec o;
      o.name = r.Str();
      o.sensitive = r.Bool();
      o.description = r.Str();
      info.outputs->push_back(std::move(o));
    }
  }
  info.has_validate = r.Bool();
  info.has_discover = r.Bool();
  info.has_execute = r.Bool();
  info.has_check_saved_plan = r.Bool();
  info.has_recognize = r.Bool();
}

void Put(wire::Writer& w, const ComponentData& c) {
  w.Str(c.name).Str(c.type).Str(c.target).Str(c.source_dir).Str(c.work_dir).Str(c.state_dir);
  w.Str(c.settings_json).Str(c.vars_json).Str(c.sensitive_json).Str(c.project_dir);
  w.Str(c.cache_dir).Str(c.plan_dir);
}

void Get(wire::Reader& r, ComponentData& c) {
  for (std::string* field : {&c.name, &c.type, &c.target, &c.source_dir, &c.work_dir,
                             &c.state_dir, &c.settings_json, &c.vars_json, &c.sensitive_json,
                             &c.project_dir, &c.cache_dir, &c.plan_dir})
    *field = r.Str();
}

void Put(wire::Writer& w, const SpawnRequest& s) {
  w.Strs(s.argv).Strs(s.env).Str(s.cwd);
  w.Bool(s.capture_stdout).Bool(s.clear_env).Bool(s.lines);
  w.Bool(s.stdin_data.has_value()).Str(s.stdin_data.value_or(""));
  w.Str(s.stdin_path).U32(s.stop_timeout_ms).Bool(s.stop_with_sigint);
}

void Get(wire::Reader& r, SpawnRequest& s) {
  s.argv = r.Strs();
  s.env = r.Strs();
  s.cwd = r.Str();
  s.capture_stdout = r.Bool();
  s.clear_env = r.Bool();
  s.lines = r.Bool();
  const bool has_stdin = r.Bool();
  std::string stdin_data = r.Str();
  if (has_stdin) s.stdin_data = std::move(stdin_data);
  s.stdin_path = r.Str();
  s.stop_timeout_ms = r.U32();
  s.stop_with_sigint = r.Bool();
}

void Put(wire::Writer& w, const SpawnOutcome& o) {
  w.Bool(o.started).I32(o.exit_code).I32(o.term_signal).Bool(o.cancelled);
}

void Get(wire::Reader& r, SpawnOutcome& o) {
  o.started = r.Bool();
  o.exit_code = r.I32();
  o.term_signal = r.I32();
  o.cancelled = r.Bool();
}

void Put(wire::Writer& w, const ChangeSummary& c) {
  w.Bool(c.has_changes).I64(c.add).I64(c.change).I64(c.destroy).Str(c.summary);
}

void Get(wire::Reader& r, ChangeSummary& c) {
  c.has_changes = r.Bool();
  c.add = r.I64();
  c.change = r.I64();
  c.destroy = r.I64();
  c.summary = r.Str();
}

void Put(wire::Writer& w, const ComponentProposal& p) {
  w.Str(p.type).Str(p.source_dir).Str(p.name).Str(p.settings_json).Str(p.note);
}

void Get(wire::Reader& r, ComponentProposal& p) {
  p.type = r.Str();
  p.source_dir = r.Str();
  p.name = r.Str();
  p.settings_json = r.Str();
  p.note = r.Str();
}

}  // namespace gantry::plugin::protocol
