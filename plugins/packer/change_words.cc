#include "change_words.h"

namespace gantry::packer {

std::string ImageCount(int64_t count) {
  return std::to_string(count) + (count == 1 ? " image" : " images");
}

std::string ToBuildWords(int64_t count) {
  return count > 0 ? ImageCount(count) + " to build" : std::string();
}

std::string BuiltWords(int64_t count) {
  return count > 0 ? ImageCount(count) + " built" : std::string();
}

}  // namespace gantry::packer
