#include "core/exec/huge_page_heap.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/read_text.h"

namespace gantry::exec {
namespace {

// What the kernel does with MADV_HUGEPAGE: "always [madvise] never" -> "madvise".
std::string ThpMode() {
  const std::string text = testing::ReadText("/sys/kernel/mm/transparent_hugepage/enabled");
  const size_t open = text.find('['), close = text.find(']');
  return open == std::string::npos || close == std::string::npos
             ? ""
             : text.substr(open + 1, close - open - 1);
}

// Whether a mapping of the heap carries the huge-page advice ("hg" in its VmFlags).
bool HeapAdvised() {
  std::ifstream smaps("/proc/self/smaps");
  bool in_heap = false;
  for (std::string line; std::getline(smaps, line);) {
    // A mapping's first line: "<start>-<end> <perms> ... [heap]"; then "Key: value" lines.
    const size_t dash = line.find('-'), space = line.find(' ');
    if (dash != std::string::npos && dash < space && line.find(':') > space)
      in_heap = line.find("[heap]") != std::string::npos;
    else if (in_heap && line.rfind("VmFlags:", 0) == 0 && line.find(" hg") != std::string::npos)
      return true;
  }
  return false;
}

// In a child: the advice changes how this process's malloc behaves for good.
TEST(HugePageHeapTest, TheHeapGrownForTheHostIsAdvised) {
  if (!testing::Sanitizer().empty())
    GTEST_SKIP() << "a sanitizer's allocator owns the heap: nothing to advise";
  const std::string mode = ThpMode();
  if (mode.empty() || mode == "never")
    GTEST_SKIP() << "transparent huge pages are off on this kernel ('" << mode << "')";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const bool taken = UseHugePagesForHeap(size_t{8} << 20);
    _exit(!taken ? 1 : !HeapAdvised() ? 2 : 0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the advice was refused, 2: no heap mapping has it";
}

}  // namespace
}  // namespace gantry::exec
