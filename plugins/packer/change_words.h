// What a packer component's changes are called in the summary: images, the unit packer
// counts, instead of the host's "2 to add" (packer adds images; it never changes or
// destroys any).
#ifndef GANTRY_PLUGINS_PACKER_CHANGE_WORDS_H_
#define GANTRY_PLUGINS_PACKER_CHANGE_WORDS_H_

#include <cstdint>
#include <string>

namespace gantry::packer {

/// "1 image", "3 images".
std::string ImageCount(int64_t count);

/// A plan's changes: "1 image to build", "3 images to build". "" when there is none to
/// build (the host says "no changes") or the count is unknown (-1: the host says "changes").
std::string ToBuildWords(int64_t count);

/// An apply's changes: "1 image built", "2 images built"; "" for none or an unknown count.
std::string BuiltWords(int64_t count);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_CHANGE_WORDS_H_
