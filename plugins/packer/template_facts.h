// What the plugin reads from a packer template without running packer: where it is, its
// kind, the builds it defines (as packer names them), its manifest post-processors'
// output files and whether it asks for `packer init`. Nothing is evaluated.
#ifndef GANTRY_PLUGINS_PACKER_TEMPLATE_FACTS_H_
#define GANTRY_PLUGINS_PACKER_TEMPLATE_FACTS_H_

#include <string>
#include <vector>

namespace gantry::packer {

enum class TemplateKind {
  kHclDirectory,  ///< every .pkr.hcl / .pkr.json file of a directory (`packer build .`)
  kHclFile,       ///< one .pkr.hcl or .pkr.json file
  kLegacyJson,    ///< one legacy .json template
};

/// Where packer runs for a template and what it is given.
struct TemplatePlace {
  TemplateKind kind = TemplateKind::kHclDirectory;
  /// The directory packer runs in: the template directory, or the one holding the file.
  std::string run_dir;
  /// The template argument: "." or the file's name.
  std::string argument;
  /// Why there is no usable template ("" when there is one).
  std::string error;
};

/// Locates `template_path` (the setting; "" for `dir` itself) inside `dir` (the source or
/// the workspace) and decides its kind from what is there and its name.
TemplatePlace PlaceTemplate(const std::string& dir, const std::string& template_path);

struct TemplateFacts {
  /// Build names as packer prints them and -only matches them: "<build>.<type>.<source>"
  /// (no "<build>." for an unnamed build block) for HCL2, the builder's name (or type) for
  /// a legacy template.
  std::vector<std::string> builds;
  /// False when a build name could not be read (a .pkr.json file, a computed value).
  bool builds_known = true;
  /// The output files of the manifest post-processors, as written (relative to where
  /// packer runs; "packer-manifest.json" when unset).
  std::vector<std::string> manifests;
  /// False when a manifest's output is computed (`${...}`, `{{...}}`) or unreadable.
  bool manifests_known = true;
  /// The keys of the manifest post-processors' custom_data (each becomes an output).
  std::vector<std::string> custom_data_keys;
  /// False when a custom_data is computed rather than written as a table.
  bool custom_data_known = true;
  /// The template has a `packer { required_plugins { ... } }` block: `packer init` installs
  /// them (packer 1.7 and later).
  bool wants_init = false;
  /// The template files read (absolute paths).
  std::vector<std::string> files;
  /// What could not be read, for a warning (packer has the last word).
  std::vector<std::string> problems;
};

/// Reads the template `place` names.
TemplateFacts ReadTemplate(const TemplatePlace& place);

/// The builds of `builds` that `only` and `except` leave, as packer selects them: globs
/// ('*', '?') matched against the whole name for HCL2, exact names for a legacy template.
std::vector<std::string> SelectBuilds(const std::vector<std::string>& builds,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& except, bool legacy);

/// Whether `name` matches `pattern`, where '*' is any run of characters and '?' any one.
bool GlobMatches(std::string_view pattern, std::string_view name);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_TEMPLATE_FACTS_H_
