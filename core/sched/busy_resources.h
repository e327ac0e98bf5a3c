// Resources that components found held elsewhere (GANTRY_STATUS_BUSY: a state lock
// another run holds, a full runner pool), and when to try each again: one back-off per
// resource, not one per component.
#ifndef GANTRY_CORE_SCHED_BUSY_RESOURCES_H_
#define GANTRY_CORE_SCHED_BUSY_RESOURCES_H_

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "core/graph/graph.h"
#include "core/sched/backoff.h"

namespace gantry::sched {

using graph::NodeId;

/// The nodes waiting for a resource are tried again together, in *rounds*. The first
/// busy answer after a round began schedules the next round, `backoff`.After(k) later,
/// where k counts the rounds in a row that ended with nothing getting through; any node
/// that was busy on the resource and then ends otherwise (it got the resource, or failed
/// for another reason) resets k and starts the next round at once. So a resource held for
/// long is polled less and less often, however many components wait for it, and one
/// that frees up is used at once.
///
/// No clock of its own (times are passed in) and no threads: the Executor serializes
/// calls under its lock.
class BusyResources {
 public:
  using Time = std::chrono::steady_clock::time_point;

  explicit BusyResources(Backoff backoff = {}) : backoff_(backoff) {}

  /// `node` came back busy on `resource` ("" : a resource of its own) at `now`. Returns
  /// how long it waits: until the resource's next round.
  absl::Duration Park(NodeId node, const std::string& resource, Time now);
  /// `node`, which may have been busy before, has ended otherwise. If it had been busy,
  /// its resource's back-off starts over and the nodes waiting for it are returned, to be
  /// tried now.
  std::vector<NodeId> Ended(NodeId node);
  /// Takes the nodes whose resource's round has begun by `now`, in the order they came.
  std::vector<NodeId> Due(Time now);
  /// When the earliest round begins; nullopt when no node waits.
  std::optional<Time> NextDue() const;
  /// True while some node waits.
  bool waiting() const { return !due_.empty(); }

 private:
  struct Resource {
    int rounds = 0;             // rounds in a row in which every try came back busy
    std::optional<Time> due;    // when the next round begins; nullopt: none scheduled
    std::vector<NodeId> nodes;  // waiting for it
  };

  static std::string Key(NodeId node, const std::string& resource);

  const Backoff backoff_;
  absl::flat_hash_map<std::string, Resource> resources_;
  absl::flat_hash_map<NodeId, std::string> busy_on_;  // node -> its last resource's key
  std::set<std::pair<Time, std::string>> due_;        // scheduled rounds, earliest first
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_BUSY_RESOURCES_H_
