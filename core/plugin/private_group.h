// Whether a group-writable plugin (or its directory) is still writable by its owner alone:
// the owner's user-private group, the scheme Debian and most distributions use with
// umask 002. A developer's build directory is then group-writable but safe to load from.
#ifndef GANTRY_CORE_PLUGIN_PRIVATE_GROUP_H_
#define GANTRY_CORE_PLUGIN_PRIVATE_GROUP_H_

#include <sys/types.h>

#include <functional>
#include <string>

namespace gantry::plugin {

/// Says whether group `gid` can hold no user but `uid`.
using PrivateGroupTest = std::function<bool(uid_t uid, gid_t gid)>;

/// The system's answer: `gid` is `uid`'s primary group, named as the user, no other user
/// lists it as a supplementary group, and no other user has it as primary group.
bool IsUserPrivateGroup(uid_t uid, gid_t gid);

/// Why a file or directory with `mode`, owned by `owner`:`group`, may be changed by
/// someone other than `me` ("" when only `me` can): others' write bit; the group's write
/// bit unless `me` owns it and the group is private to `me`.
std::string WritableByOthers(mode_t mode, uid_t owner, gid_t group, uid_t me,
                             const PrivateGroupTest& private_group = IsUserPrivateGroup);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_PRIVATE_GROUP_H_
