#include "core/run/output_publishing.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace gantry::run {

absl::Status Publish(const OutputPublisher& publisher, const std::string& component,
                     const std::string& operation, const std::string& run_id,
                     const Outputs& outputs) {
  state::PublishedOutputs data;
  data.component = component;
  data.target = publisher.target;
  data.operation = operation;
  data.run_id = run_id;
  data.outputs = outputs;
  absl::Status written = state::WritePublishedOutputs(publisher.dir, data,
                                                      publisher.seal ? &*publisher.seal : nullptr);
  if (!written.ok())
    return absl::Status(written.code(), absl::StrCat("--outputs-to: ", written.message(),
                                                     " (the outputs are kept in .gantry/state)"));
  return absl::OkStatus();
}

absl::StatusOr<PublishedBook> ReadPublished(const std::filesystem::path& dir,
                                            const std::string& target,
                                            const state::OutputSeal* seal) {
  absl::StatusOr<std::map<std::string, state::PublishedOutputs>> read =
      state::ReadPublishedDir(dir, seal);
  if (!read.ok()) return read.status();
  for (const auto& [component, data] : *read) {
    if (data.target != target)
      return absl::FailedPreconditionError(absl::StrCat(
          "--outputs-from: the outputs of ", component, " in '",
          state::PublishedOutputsPath(dir, component).string(), "' were published for target '",
          data.target, "', this run is for '", target, "'"));
  }
  return PublishedBook{*std::move(read)};
}

std::unique_ptr<OutputBook> PublishedBook::MakeBook() const {
  auto book = std::make_unique<OutputBook>([this](const std::string& component) {
    auto found = by_component.find(component);
    if (found == by_component.end() || found->second.operation == "plan")
      return std::optional<Outputs>();
    return std::optional<Outputs>(found->second.outputs);
  });
  for (const auto& [component, data] : by_component) {
    if (data.operation == "plan") book->RecordPlanned(component, data.outputs);
  }
  return book;
}

std::vector<std::string> PublishedBook::Withheld() const {
  std::vector<std::string> lines;
  for (const auto& [component, data] : by_component) {
    for (const auto& [output, why] : data.withheld)
      lines.push_back(
          absl::StrCat("published output ", component, ".", output, " cannot be read: ", why));
  }
  return lines;
}

}  // namespace gantry::run
