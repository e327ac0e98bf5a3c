// stream-throughput-gen BYTES [SEED]: writes exactly BYTES bytes of log-like lines
// (40 to 160 bytes each, a running line number in each) to stdout, in 64 KiB write(2)
// calls. The child of bench/stream-throughput.sh: cheap on purpose, so the comparison
// measures the cost of stream injection, not of producing output.
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

constexpr size_t kBlock = 64 * 1024;

bool WriteAll(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = write(STDOUT_FILENO, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s BYTES [SEED]\n", argv[0]);
    return 2;
  }
  uint64_t remaining = strtoull(argv[1], nullptr, 10);
  uint32_t seed = argc > 2 ? static_cast<uint32_t>(strtoul(argv[2], nullptr, 10)) : 1;
  static const char kWords[] =
      "2024-05-01T12:00:00Z INFO  aws_instance.web[17]: Still creating... [10s elapsed] "
      "module.network.aws_subnet.private[\"eu-west-1a\"]: Refreshing state... "
      "[id=subnet-0123456789abcdef0] Plan: 12 to add, 0 to change, 0 to destroy. ";
  static_assert(sizeof kWords > 64 + 140, "a line's body is read from kWords");
  std::string block;
  block.reserve(kBlock + 256);
  uint64_t line = 0;
  while (remaining > 0) {
    block.clear();
    while (block.size() < kBlock) {
      seed = seed * 1103515245u + 12345u;  // LCG: line lengths vary, cheaply.
      const size_t body = 20 + (seed >> 16) % 120;
      char number[24];
      const int n = snprintf(number, sizeof number, "%08llu ", static_cast<unsigned long long>(++line));
      block.append(number, static_cast<size_t>(n));
      block.append(kWords + (seed >> 8) % 64, body);
      block.push_back('\n');
    }
    const size_t size = remaining < block.size() ? static_cast<size_t>(remaining) : block.size();
    if (!WriteAll(block.data(), size)) return 1;
    remaining -= size;
  }
  return 0;
}
