// Reading ABI structs that the other side may have compiled with fewer members.
#ifndef GANTRY_CORE_PLUGIN_STRUCT_ACCESS_H_
#define GANTRY_CORE_PLUGIN_STRUCT_ACCESS_H_

#include <cstddef>

/// True when the struct at `ptr` (whose writer set struct_size) is large enough to hold
/// `member`: members past the writer's size do not exist for it and must not be read.
#define GANTRY_HAS_MEMBER(ptr, type, member) \
  ((ptr)->struct_size >= offsetof(type, member) + sizeof(((type*)nullptr)->member))

#endif  // GANTRY_CORE_PLUGIN_STRUCT_ACCESS_H_
