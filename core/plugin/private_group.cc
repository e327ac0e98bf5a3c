#include "core/plugin/private_group.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

#include <cstring>
#include <mutex>
#include <vector>

namespace gantry::plugin {

bool IsUserPrivateGroup(uid_t uid, gid_t gid) {
  // getpwent/getgr* share static buffers: one caller at a time (plugins load on one
  // thread, but tests may not).
  static std::mutex mu;
  std::lock_guard lock(mu);
  const passwd* user = ::getpwuid(uid);
  if (user == nullptr || user->pw_gid != gid) return false;
  const std::string user_name = user->pw_name;
  const group* grp = ::getgrgid(gid);
  if (grp == nullptr || user_name != grp->gr_name) return false;
  for (char** member = grp->gr_mem; member != nullptr && *member != nullptr; ++member)
    if (user_name != *member) return false;
  bool shared = false;
  ::setpwent();
  while (const passwd* other = ::getpwent())
    if (other->pw_gid == gid && other->pw_uid != uid) shared = true;
  ::endpwent();
  return !shared;
}

std::string WritableByOthers(mode_t mode, uid_t owner, gid_t group, uid_t me,
                             const PrivateGroupTest& private_group) {
  if ((mode & S_IWOTH) != 0) return "writable by others";
  if ((mode & S_IWGRP) == 0) return "";
  if (owner == me && private_group(me, group)) return "";
  return "writable by its group, which is not yours alone";
}

}  // namespace gantry::plugin
