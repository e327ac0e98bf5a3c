#include "core/console/run_progress.h"

#include <algorithm>
#include <cstddef>

#include "absl/strings/str_cat.h"
#include "core/console/style.h"

namespace gantry::console {
namespace {

constexpr size_t kRunningNamesShown = 3;

bool IsFinal(record::ComponentStatus status) {
  return status != record::ComponentStatus::kPending &&
         status != record::ComponentStatus::kRunning;
}

}  // namespace

void RunProgress::Start(const record::RunRecord& run, absl::Time started) {
  std::lock_guard<std::mutex> lock(mu_);
  started_ = started;
  total_ = static_cast<int>(run.components.size());
  done_ = failed_ = 0;
  status_.clear();
  running_.clear();
  for (const record::ComponentRecord& component : run.components) {
    status_[component.name] = record::ComponentStatus::kPending;
  }
}

void RunProgress::Started(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  record::ComponentStatus& status = status_[name];
  if (status == record::ComponentStatus::kRunning) return;
  if (IsFinal(status)) {  // Heard of as finished, now running again: undo the count.
    --done_;
    if (status == record::ComponentStatus::kFailed) --failed_;
  }
  status = record::ComponentStatus::kRunning;
  running_.push_back(name);
}

void RunProgress::Finished(const record::ComponentRecord& component) {
  std::lock_guard<std::mutex> lock(mu_);
  record::ComponentStatus& status = status_[component.name];
  if (auto it = std::find(running_.begin(), running_.end(), component.name);
      it != running_.end()) {
    running_.erase(it);
  }
  if (!IsFinal(status)) {
    ++done_;
  } else if (status == record::ComponentStatus::kFailed) {
    --failed_;
  }
  status = IsFinal(component.status) ? component.status : record::ComponentStatus::kFailed;
  if (status == record::ComponentStatus::kFailed) ++failed_;
}

record::ComponentStatus RunProgress::StatusOf(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = status_.find(name);
  return it == status_.end() ? record::ComponentStatus::kPending : it->second;
}

absl::Time RunProgress::started() const {
  std::lock_guard<std::mutex> lock(mu_);
  return started_;
}

std::string RunProgress::StatusLine(absl::Time now) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string line = absl::StrCat("[", done_, "/", total_, " done");
  if (failed_ > 0) absl::StrAppend(&line, ", ", failed_, " failed");
  if (!running_.empty()) {
    line += ", running: ";
    const size_t shown = std::min(running_.size(), kRunningNamesShown);
    for (size_t i = 0; i < shown; ++i) {
      if (i > 0) line += ", ";
      line += running_[i];
    }
    if (running_.size() > shown) absl::StrAppend(&line, " (+", running_.size() - shown, ")");
  }
  absl::StrAppend(&line, " \xe2\x80\x94 ", ElapsedSeconds(now - started_), "]");
  return line;
}

}  // namespace gantry::console
