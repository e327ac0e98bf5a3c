#include "core/stream/component_stream.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/console/prefixed_console.h"
#include "core/exec/posix_process_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/console/captured_file.h"
#include "tests/stream/recording_console.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::stream {
namespace {

using ::gantry::testing::ReadText;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

class ComponentStreamTest : public ::testing::Test {
 protected:
  std::unique_ptr<ComponentStream> Open(const std::string& name = "net/vpc") {
    log_path_ = dir_ / absl::StrCat("runs/r1/logs/", name, ".log");
    auto stream = ComponentStream::Open(name, log_path_, secrets_, console_);
    EXPECT_TRUE(stream.ok()) << stream.status();
    return stream.ok() ? std::move(*stream) : nullptr;
  }

  gantry::testing::TempDir dir_;
  SecretSet secrets_;
  RecordingConsole console_;
  std::string log_path_;
};

TEST_F(ComponentStreamTest, WholeLinesToLogAndConsoleInOneCallPerChunk) {
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  stream->OnOutput(1, "one\ntwo\nthr");
  stream->OnOutput(1, "ee\n");
  stream->OnOutput(1, "no newline yet");
  const std::vector<RecordingConsole::Call> calls = console_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].component, "net/vpc");
  EXPECT_EQ(calls[0].stream, 1);
  EXPECT_EQ(calls[0].lines, "one\ntwo\n");
  EXPECT_EQ(calls[1].lines, "three\n");
  // Already in the log when OnOutput returned: nothing is buffered in the process.
  EXPECT_EQ(ReadText(log_path_), "one\ntwo\nthree\n");
}

TEST_F(ComponentStreamTest, TheFirstOutputCreatesParentDirectoriesAndAMode0644File) {
  const mode_t old_mask = umask(022);
  auto stream = Open("a/b/c");
  ASSERT_NE(stream, nullptr);
  struct stat st {};
  // Nothing printed, no file: creating one is the dearest thing a component does.
  EXPECT_NE(stat(log_path_.c_str(), &st), 0);
  EXPECT_TRUE(absl::IsNotFound(stream->Tail(3).status()));
  stream->OnOutput(1, "first\n");
  umask(old_mask);
  ASSERT_EQ(stat(log_path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(ReadText(log_path_), "first\n");
  EXPECT_EQ(stream->log_path(), log_path_);
  EXPECT_EQ(stream->component(), "a/b/c");
}

TEST_F(ComponentStreamTest, ALogThatCannotBeCreatedIsReportedNamingThePath) {
  dir_.Write("runs", "a file where a directory should be");
  std::vector<absl::Status> errors;
  auto stream = ComponentStream::Open("x", dir_ / "runs/logs/x.log", secrets_, console_,
                                      [&](const absl::Status& e) { errors.push_back(e); });
  ASSERT_TRUE(stream.ok());
  (*stream)->OnOutput(1, "one\n");
  (*stream)->OnOutput(1, "two\n");
  ASSERT_EQ(errors.size(), 1u);  // told once
  EXPECT_THAT(errors[0].message(), HasSubstr("cannot create the log " + dir_ / "runs/logs/x.log"));
  EXPECT_FALSE((*stream)->log_status().ok());
  EXPECT_EQ(console_.calls().size(), 2u);  // the console still gets everything
}

TEST_F(ComponentStreamTest, PartialLastLinesFlushedOnCloseOnce) {
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  stream->OnOutput(2, "err tail\r");
  stream->OnOutput(1, "out tail");
  stream->Close();
  stream->Close();  // Idempotent: nothing more.
  const std::vector<RecordingConsole::Call> calls = console_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].stream, 1);
  EXPECT_EQ(calls[0].lines, "out tail\n");
  EXPECT_EQ(calls[1].stream, 2);
  EXPECT_EQ(calls[1].lines, "err tail\n");
  EXPECT_EQ(ReadText(log_path_), "out tail\nerr tail\n");
}

TEST_F(ComponentStreamTest, DestructionFlushesToo) {
  {
    auto stream = Open();
    ASSERT_NE(stream, nullptr);
    stream->OnOutput(1, "a\nb");
  }
  EXPECT_EQ(ReadText(log_path_), "a\nb\n");
  EXPECT_EQ(console_.Text(), "a\nb\n");
}

TEST_F(ComponentStreamTest, StreamsAreSplitSeparately) {
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  stream->OnOutput(1, "out-");
  stream->OnOutput(2, "err\n");
  stream->OnOutput(1, "line\r\n");
  stream->OnOutput(7, "odd stream counts as stdout\n");
  EXPECT_EQ(console_.Text(2), "err\n");
  EXPECT_EQ(console_.Text(1), "out-line\nodd stream counts as stdout\n");
  EXPECT_EQ(ReadText(log_path_), "err\nout-line\nodd stream counts as stdout\n");
}

TEST_F(ComponentStreamTest, SecretSplitAcrossChunksIsMaskedInConsoleAndLog) {
  secrets_.Add({"hunter2", "tok-abc"});
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  for (std::string_view chunk : {"pass=hun", "t", "er2 ok\nkey=tok", "-a", "bc\n", "hunter2"}) {
    stream->OnOutput(1, chunk);
  }
  stream->Close();
  EXPECT_EQ(console_.Text(), "pass=*** ok\nkey=***\n***\n");
  EXPECT_EQ(ReadText(log_path_), "pass=*** ok\nkey=***\n***\n");
}

// A line longer than 1 MiB is cut into 1 MiB lines; a secret placed across the cut is
// still masked, whether the line comes in one write, in small pieces, complete or not.
// Pieces of 3 bytes come only near the cut (the rest in one write): split anywhere else,
// a line is the same, and 700,000 writes a case took 25 s under TSan.
TEST_F(ComponentStreamTest, SecretAcrossTheOneMebibyteCutIsMasked) {
  constexpr size_t kCut = size_t{1} << 20;
  const std::string secret = "s3cr3t-\"quoted\"-across-the-cut";
  secrets_.Add({secret});
  for (size_t offset : {size_t{1}, size_t{7}, secret.size() - 1}) {
    for (bool whole_line : {true, false}) {
      for (size_t piece : {size_t{0}, size_t{4096}, size_t{3}}) {
        SCOPED_TRACE(absl::StrCat("offset ", offset, whole_line ? " whole" : " unfinished",
                                  " pieces of ", piece));
        RecordingConsole console;
        const std::string log_path = dir_ / absl::StrCat("cut-", offset, whole_line, piece, ".log");
        const std::string line = std::string(kCut - offset, 'x') + secret + "yyy" +
                                 (whole_line ? "\n" : "");
        const std::string json = "json=\"" + std::string(kCut - offset - 7, 'j') +
                                 "s3cr3t-\\\"quoted\\\"-across-the-cut\"\n";
        auto stream = ComponentStream::Open("c", log_path, secrets_, console);
        ASSERT_TRUE(stream.ok()) << stream.status();
        for (const std::string_view text : {std::string_view(line), std::string_view(json)}) {
          // [from, to) comes in pieces; what is before and after it, in one write each.
          size_t from = 0, to = text.size();
          if (piece == 3) {
            from = kCut - 4 * secret.size();
            to = std::min(text.size(), kCut + 4 * secret.size());
          }
          const size_t step = piece == 0 ? text.size() : piece;
          if (from > 0) (*stream)->OnOutput(1, text.substr(0, from));
          for (size_t at = from; at < to; at += step)
            (*stream)->OnOutput(1, text.substr(at, std::min(step, to - at)));
          if (to < text.size()) (*stream)->OnOutput(1, text.substr(to));
        }
        (*stream)->Close();
        const std::string log = ReadText(log_path);
        EXPECT_EQ(log.find("s3cr3t"), std::string::npos);
        EXPECT_EQ(std::count(log.begin(), log.end(), '*'), 6);  // Two masks, nothing else.
        for (const std::string& cut : Lines(log)) EXPECT_LE(cut.size(), kCut + secret.size());
        EXPECT_EQ(log, console.Text());
      }
    }
  }
}

TEST_F(ComponentStreamTest, RetriesAppendToTheSameLog) {
  {
    auto first = Open();
    ASSERT_NE(first, nullptr);
    first->OnOutput(1, "attempt 1\n");
  }
  auto second = Open();
  ASSERT_NE(second, nullptr);
  second->OnOutput(1, "attempt 2\n");
  EXPECT_EQ(ReadText(log_path_), "attempt 1\nattempt 2\n");
}

TEST_F(ComponentStreamTest, TailReturnsTheLastLinesOfTheLog) {
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  for (int i = 1; i <= 20; ++i) stream->OnOutput(1, absl::StrCat("line ", i, "\n"));
  stream->OnOutput(1, "partial");
  absl::StatusOr<std::vector<std::string>> tail = stream->Tail(3);
  ASSERT_TRUE(tail.ok()) << tail.status();
  EXPECT_THAT(*tail, ElementsAre("line 18", "line 19", "line 20"));
  EXPECT_TRUE(stream->log_status().ok());
}

TEST_F(ComponentStreamTest, AFullDiskIsReportedOnceAndTheConsoleStillGetsEverything) {
  // /dev/full accepts open(2) and fails every write with ENOSPC.
  struct stat info {};
  if (::stat("/dev/full", &info) != 0) GTEST_SKIP() << "no /dev/full";
  std::vector<std::string> errors;
  auto stream = ComponentStream::Open("db", "/dev/full", secrets_, console_,
                                      [&](const absl::Status& error) {
                                        errors.emplace_back(error.message());
                                      });
  ASSERT_TRUE(stream.ok()) << stream.status();
  (*stream)->OnOutput(1, "one\n");
  (*stream)->OnOutput(2, "two\n");
  (*stream)->OnOutput(1, "three");
  (*stream)->Close();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "cannot write the log /dev/full: No space left on device");
  EXPECT_EQ((*stream)->log_status().message(), errors[0]);
  EXPECT_EQ(console_.Text(), "one\ntwo\nthree\n");
}

TEST_F(ComponentStreamTest, TheLogKeepsRawBytesTheConsoleNeutralises) {
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  const std::string hostile = "\x1b[2J\x1b]52;c;Zm9v\x07" "fake\rgantry: ok\n";
  stream->OnOutput(1, hostile);
  EXPECT_EQ(ReadText(log_path_), hostile);
  EXPECT_EQ(console_.Text(), hostile);  // The console itself neutralises (console tests).
}

// The run learns a secret while the component writes (it set a sensitive output): lines
// sent out from then on are masked, the one pending then included; earlier ones are not.
TEST_F(ComponentStreamTest, ASecretLearnedWhileWritingMasksWhatGoesOutAfterwards) {
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  stream->OnOutput(1, "early tok-late-1\npending tok-");
  stream->OnOutput(2, "err tok-late-1 pending");
  secrets_.Add({"tok-late-1"});
  stream->OnOutput(1, "late-1 done\nafter tok-late-1\n");
  stream->Close();
  EXPECT_EQ(console_.Text(1), "early tok-late-1\npending *** done\nafter ***\n");
  EXPECT_EQ(console_.Text(2), "err *** pending\n");
  EXPECT_EQ(ReadText(log_path_), "early tok-late-1\npending *** done\nafter ***\nerr *** pending\n");
}

TEST_F(ComponentStreamTest, ChildOutputThroughTheProcessRunner) {
  secrets_.Add({"s3cret"});
  auto stream = Open();
  ASSERT_NE(stream, nullptr);
  exec::PosixProcessRunner runner;
  exec::ProcessSpec spec;
  spec.argv = {"sh", "-c",
               "printf 'a s3'; printf 'cret b\\n'; echo err >&2; "
               "head -c 300000 /dev/zero | tr '\\0' x; printf 'last'"};
  exec::CancelToken token;
  absl::StatusOr<exec::ProcessExit> exit = runner.Run(spec, *stream, token);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->ok());
  stream->Close();
  const std::string log = ReadText(log_path_);
  EXPECT_THAT(Lines(log), ElementsAre("a *** b", "err", std::string(300000, 'x') + "last"));
  EXPECT_EQ(console_.Text(1), "a *** b\n" + std::string(300000, 'x') + "last\n");
}

// An escape sequence, a CR or a C1 control cut across chunks reaches the console whole
// (the stream splits lines, not chunks), so it is neutralised whole; the log is raw.
TEST(ComponentStreamHostileTest, SequencesCutAcrossChunksCannotSlipThrough) {
  gantry::testing::TempDir dir;
  console::CapturedFile out;
  console::ConsoleOptions options;
  options.out = out.get();
  options.color = true;  // Even where SGR is kept, only SGR is.
  console::PrefixedConsole console(options);
  const SecretSet secrets;
  const std::string log_path = dir / "logs/x.log";
  auto stream = ComponentStream::Open("x", log_path, secrets, console);
  ASSERT_TRUE(stream.ok()) << stream.status();
  const std::string raw = "a\x1b[2Jb\x1b]52;c;Zm9v\x07" "c\rd\xc2\x9b" "e\r\n";
  for (size_t cut = 1; cut < raw.size(); ++cut) {
    (*stream)->OnOutput(1, raw.substr(0, cut));
    (*stream)->OnOutput(1, raw.substr(cut));
  }
  (*stream)->Close();
  const std::string shown = "^[[2Jb^[]52;c;Zm9v^Gc^MdM-^[e\n";
  std::string expected;
  for (size_t cut = 1; cut < raw.size(); ++cut) {
    expected += console::Style(true).Label("x") + " a" + shown;
  }
  EXPECT_EQ(out.Text(), expected);
  std::string logged;
  for (size_t cut = 1; cut < raw.size(); ++cut) logged += "a\x1b[2Jb\x1b]52;c;Zm9v\x07" "c\rd\xc2\x9b" "e\n";
  EXPECT_EQ(ReadText(log_path), logged);
}

// Several components, each written by two threads (a child's stdout and a plugin's
// stderr) in random chunk sizes, into one prefixed console writing to a file: every
// console line is exactly one whole original line, masked, with its component's label;
// each (component, stream) keeps its order; each log holds its component's lines.
TEST(ComponentStreamStressTest, LinesNeverTornUnderConcurrency) {
  gantry::testing::TempDir dir;
  console::CapturedFile out;
  console::ConsoleOptions options;
  options.out = out.get();
  console::PrefixedConsole console(options);
  const SecretSet secrets({"TOPSECRET"});

  constexpr int kComponents = 5;
  constexpr int kLines = 1500;
  // The text of line `i` of `stream` of component `c`, before and after masking.
  auto line = [](int c, int stream, int i, bool masked) {
    return absl::StrCat("c", c, "/s", stream, " #", i, " ", std::string((i * 7 + c) % 150, 'a' + c),
                        i % 5 == 0 ? (masked ? "***" : "TOPSECRET") : "", " end");
  };

  std::vector<std::unique_ptr<ComponentStream>> streams;
  for (int c = 0; c < kComponents; ++c) {
    auto stream = ComponentStream::Open(absl::StrCat("comp", c), dir / absl::StrCat("logs/comp", c, ".log"),
                                        secrets, console);
    ASSERT_TRUE(stream.ok()) << stream.status();
    streams.push_back(std::move(*stream));
  }
  std::vector<std::thread> writers;
  for (int c = 0; c < kComponents; ++c) {
    for (int s : {1, 2}) {
      writers.emplace_back([&, c, s] {
        std::string text;
        for (int i = 0; i < kLines; ++i) absl::StrAppend(&text, line(c, s, i, false), "\n");
        std::mt19937 random(static_cast<unsigned>(c * 10 + s));
        std::uniform_int_distribution<size_t> size(1, 700);
        std::string_view rest = text;
        while (!rest.empty()) {
          const size_t n = std::min(size(random), rest.size());
          streams[c]->OnOutput(s, rest.substr(0, n));
          rest.remove_prefix(n);
        }
      });
    }
  }
  for (std::thread& writer : writers) writer.join();
  for (auto& stream : streams) stream->Close();

  std::map<int, std::vector<std::string>> seen;  // Key: c * 10 + s.
  for (const std::string& row : Lines(out.Text())) {
    // "[compC] cC/sS #I ..."
    ASSERT_EQ(row.substr(0, 5), "[comp") << row;
    const int c = row[5] - '0';
    ASSERT_EQ(row.substr(6, 4), absl::StrCat("] c", c)) << row;
    const int s = row[12] - '0';
    seen[c * 10 + s].push_back(row.substr(8));
  }
  for (int c = 0; c < kComponents; ++c) {
    std::vector<std::string> log_lines[3];
    for (const std::string& logged : Lines(ReadText(dir / absl::StrCat("logs/comp", c, ".log")))) {
      ASSERT_EQ(logged.substr(0, 3), absl::StrCat("c", c, "/")) << logged;
      log_lines[logged[4] - '0'].push_back(logged);
    }
    for (int s : {1, 2}) {
      std::vector<std::string> expected;
      for (int i = 0; i < kLines; ++i) expected.push_back(line(c, s, i, true));
      EXPECT_EQ(seen[c * 10 + s], expected) << "console, component " << c << " stream " << s;
      EXPECT_EQ(log_lines[s], expected) << "log, component " << c << " stream " << s;
    }
  }
}

}  // namespace
}  // namespace gantry::stream
