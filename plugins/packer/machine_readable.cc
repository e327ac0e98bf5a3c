#include "machine_readable.h"

#include <algorithm>

namespace gantry::packer {
namespace {

constexpr std::string_view kComma = "%!(PACKER_COMMA)";

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string WithOneNewline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text + "\n";
}

}  // namespace

std::string Unescape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size();) {
    if (field.substr(i, kComma.size()) == kComma) {
      out += ',';
      i += kComma.size();
    } else if (field[i] == '\\' && i + 1 < field.size() && (field[i + 1] == 'n' || field[i + 1] == 'r')) {
      out += field[i + 1] == 'n' ? '\n' : '\r';
      i += 2;
    } else {
      out += field[i++];
    }
  }
  return out;
}

std::optional<MachineLine> ParseMachineLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string_view> fields;
  while (true) {
    const std::size_t comma = line.find(',');
    fields.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
  if (fields.size() < 3 || !AllDigits(fields[0]) || fields[2].empty()) return std::nullopt;
  MachineLine parsed;
  parsed.timestamp = std::string(fields[0]);
  parsed.target = Unescape(fields[1]);
  parsed.type = std::string(fields[2]);
  for (std::size_t i = 3; i < fields.size(); ++i) parsed.data.push_back(Unescape(fields[i]));
  return parsed;
}

std::optional<ShownText> MachineReadableLog::Add(std::string_view line) {
  const std::optional<MachineLine> parsed = ParseMachineLine(line);
  if (!parsed) return ShownText{false, WithOneNewline(std::string(line))};
  const std::vector<std::string>& data = parsed->data;
  if (parsed->type == "ui") {
    if (data.size() < 2) return std::nullopt;
    const bool is_error = data[0] == "error";
    if (is_error) ui_errors_.push_back(data[1]);
    return ShownText{is_error, WithOneNewline(data[1])};
  }
  if (parsed->type == "artifact-count" && !parsed->target.empty()) {
    if (std::find(builds_.begin(), builds_.end(), parsed->target) == builds_.end())
      builds_.push_back(parsed->target);
  } else if (parsed->type == "artifact" && data.size() >= 3 && data[1] == "id" &&
             AllDigits(data[0]) && data[0].size() < 6) {
    if (std::find(builds_.begin(), builds_.end(), parsed->target) == builds_.end())
      builds_.push_back(parsed->target);
    artifact_ids_[parsed->target].emplace(std::stoi(data[0]), data[2]);
  } else if (parsed->type == "error" && !parsed->target.empty() && !data.empty()) {
    build_errors_.push_back(parsed->target + ": " + data[0]);
  }
  return std::nullopt;
}

std::map<std::string, std::string> MachineReadableLog::FirstArtifactIds() const {
  std::map<std::string, std::string> ids;
  for (const auto& [build, by_index] : artifact_ids_)
    if (!by_index.empty()) ids[build] = by_index.begin()->second;
  return ids;
}

std::string MachineReadableLog::ErrorSummary() const {
  std::string summary;
  for (const std::string& error : build_errors_)
    summary += (summary.empty() ? "" : "; ") + OneLine(error);
  if (summary.empty() && !ui_errors_.empty()) summary = OneLine(ui_errors_.front());
  return summary;
}

std::string OneLine(std::string_view text, std::size_t max_size) {
  std::string out;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    if (line.empty()) continue;
    if (!out.empty()) out += ' ';
    out += line;
  }
  if (out.size() > max_size) {
    std::size_t cut = max_size;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out = out.substr(0, cut) + "...";
  }
  return out;
}

}  // namespace gantry::packer
