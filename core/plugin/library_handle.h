// Keeps one plugin shared object mapped (Boost.DLL). Only .cc files include this.
#ifndef GANTRY_CORE_PLUGIN_LIBRARY_HANDLE_H_
#define GANTRY_CORE_PLUGIN_LIBRARY_HANDLE_H_

#include <boost/dll/shared_library.hpp>
#include <utility>

namespace gantry::plugin {

class LibraryHandle {
 public:
  explicit LibraryHandle(boost::dll::shared_library library) : library_(std::move(library)) {}
  boost::dll::shared_library& library() { return library_; }

 private:
  boost::dll::shared_library library_;
};

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_LIBRARY_HANDLE_H_
