// Which secrets a value holds: a sensitive output, a sensitive var.
#ifndef GANTRY_CORE_RUN_SECRETS_OF_H_
#define GANTRY_CORE_RUN_SECRETS_OF_H_

#include <string>
#include <vector>

#include "core/config/deployment.h"
#include "core/plugin/plugin_registry.h"
#include "core/record/run_record.h"
#include "nlohmann/json.hpp"

namespace gantry::run {

/// Appends the secrets a sensitive output holds to `secrets`. For a JSON output
/// (GANTRY_OUTPUT_JSON) that parses: its text when it is one line, then what
/// AppendSecretsOf(parsed value) appends, so a downstream component printing the value it
/// received (`${db.creds}`, exported as compact JSON) or one string of it (`jq -r
/// .password`) prints `***`. Otherwise the value as it is.
void AppendSecretsOf(const record::OutputValue& output, std::vector<std::string>& secrets);

/// The same for a JSON value (a sensitive var, a parsed output): a string as it is;
/// another value as its compact JSON text (nlohmann's dump(), as vars are exported) and
/// every string at any depth. Object keys, numbers, booleans and null are not secrets
/// of their own, only as part of the whole text.
void AppendSecretsOf(const nlohmann::json& value, std::vector<std::string>& secrets);

/// The secrets in a component's `settings` (literal or with references replaced): the
/// value of each setting `plugin` declares GANTRY_SETTING_SENSITIVE, as
/// AppendSecretsOf(json) counts them.
void AppendSecretsOfSettings(const plugin::LoadedPlugin& plugin, const nlohmann::json& settings,
                             std::vector<std::string>& secrets);

/// The secrets known before anything runs: every literal value of a var a component
/// lists as `sensitive`, and of a setting its type declares sensitive.
std::vector<std::string> ConfiguredSecrets(const config::Deployment& deployment,
                                           const plugin::PluginRegistry& plugins);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_SECRETS_OF_H_
