// The dependency key for a file one component writes and another reads (an inventory, a
// var file, a template): "file:<absolute path>", the same text on both sides. A producer
// calls ProvideKey(FileKey(...)) in discover, a consumer NeedKey(FileKey(...)), and the
// host adds the edge. The path is lexically normalized ("a/./b/../c" reads "a/c");
// symbolic links are not followed (the file may not exist yet).
#ifndef GANTRY_PLUGINS_KIT_FILE_KEYS_H_
#define GANTRY_PLUGINS_KIT_FILE_KEYS_H_

#include <string>
#include <string_view>

namespace gantry::kit {

/// `path`, taken relative to `base_dir` unless absolute, lexically normal, without a
/// trailing '/': the path a FileKey names.
std::string FilePath(std::string_view base_dir, std::string_view path);

/// The key of `path`, taken relative to `base_dir` unless absolute: "file:" + FilePath.
std::string FileKey(std::string_view base_dir, std::string_view path);

/// Where a run's workspace of `component` lies, for paths a tool will resolve from its
/// workspace (`../../state.json`), known during discover, before any run exists. The
/// run's id is not known then; "@run" stands for it: a path that leads out of the
/// workspace cannot depend on it, and one that stays inside is the run's own.
std::string WorkspaceStandIn(std::string_view project_dir, std::string_view component);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_FILE_KEYS_H_
