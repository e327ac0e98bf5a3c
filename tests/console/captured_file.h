// Test helper: a FILE* whose whole content can be read back, for rendering consoles.
#ifndef GANTRY_TESTS_CONSOLE_CAPTURED_FILE_H_
#define GANTRY_TESTS_CONSOLE_CAPTURED_FILE_H_

#include <stdio.h>
#include <unistd.h>

#include <string>

namespace gantry::console {

/// An anonymous temporary file (tmpfile(3)), closed on destruction.
class CapturedFile {
 public:
  CapturedFile() : file_(tmpfile()) {}
  ~CapturedFile() {
    if (file_ != nullptr) fclose(file_);
  }
  CapturedFile(const CapturedFile&) = delete;
  CapturedFile& operator=(const CapturedFile&) = delete;

  FILE* get() const { return file_; }

  /// Everything written so far.
  std::string Text() const {
    fflush(file_);
    std::string text;
    char buffer[65536];
    off_t offset = 0;
    for (;;) {
      const ssize_t n = pread(fileno(file_), buffer, sizeof buffer, offset);
      if (n <= 0) break;
      text.append(buffer, static_cast<size_t>(n));
      offset += n;
    }
    return text;
  }

 private:
  FILE* file_;
};

}  // namespace gantry::console

#endif  // GANTRY_TESTS_CONSOLE_CAPTURED_FILE_H_
