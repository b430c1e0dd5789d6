// Internal to the server: long work as jobs, so that a request never holds a worker for minutes.
// A job is submitted (its parameters already checked), waits in a queue, runs on one of a few
// job threads, and ends done (with its result), failed (with the error), or cancelled. Bounds:
// at most `max_jobs` jobs queued or running at once (Submit refuses more; the route answers 503),
// at most `time_limit_seconds` of running each (then it is cancelled and fails, saying so), and
// the last `keep_finished` finished jobs kept for polling (older ones are forgotten: 404).
//
// Thread safety: every member may be called from any thread. The destructor cancels every job
// and joins the job threads.
#ifndef DUCKWEED_SERVER_JOBS_H_
#define DUCKWEED_SERVER_JOBS_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/work_control.h"

namespace duckweed::server {

struct JobLimits {
  int runners = 1;                  // jobs running at once
  int max_jobs = 8;                 // jobs queued or running at once
  double time_limit_seconds = 600;  // running time of one job
  size_t keep_finished = 256;       // finished jobs kept for GET
};

// The work of a job: it sets the control's total, advances it, checks cancelled() between units,
// and returns its result as JSON (or a Status; core::CancelledStatus() when it saw the cancel).
using JobWork = std::function<core::Result<nlohmann::ordered_json>(core::WorkControl&)>;

class JobQueue {
 public:
  explicit JobQueue(JobLimits limits);
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Queues the work: the job's description (state "queued"); nullopt when max_jobs jobs are
  // already queued or running (nothing queued; the route answers 503).
  std::optional<nlohmann::ordered_json> Submit(std::string kind, nlohmann::ordered_json parameters,
                                               JobWork work);
  int max_jobs() const { return limits_.max_jobs; }
  // {id, kind, state: queued|running|done|failed|cancelled, progress (0..1), parameters,
  // submitted_at, started_at?, finished_at?, cancel_requested?, result? (done), error?
  // {status, message} (failed: the work's error with its HTTP status, or 503 past the time limit;
  // cancelled: 409)}. Errors: kNotFound for an unknown (or forgotten) id.
  core::Result<nlohmann::ordered_json> Describe(const std::string& id) const;
  // Cancels a queued job at once, a running one at its next unit of work (its state stays
  // "running", with cancel_requested, until the work returns). Cancelling a cancelled job is a
  // no-op. Errors: kNotFound; kConflict for a job already done or failed.
  core::Result<nlohmann::ordered_json> Cancel(const std::string& id);

 private:
  struct Job;
  void RunJobs();
  void WatchTime();
  nlohmann::ordered_json DescribeLocked(const Job& job) const;
  void ForgetOldLocked();

  JobLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;        // a job was queued, or stopping
  std::condition_variable wake_watch_;  // stopping
  bool stopping_ = false;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::deque<std::string> finished_;  // ids in the order they finished
  int active_ = 0;                    // queued or running
  std::vector<std::thread> runners_;
  std::thread watcher_;
};

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_JOBS_H_
