#include "server/jobs.h"

#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <random>

#include "duckweed/core/utc_time.h"

namespace duckweed::server {

using core::Result;
using core::Status;
using core::UtcNow;
using nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace {

// 16 hex digits from the system's random source: ids that cannot be guessed or enumerated.
std::string NewId() {
  static std::mutex mutex;
  static std::random_device device;
  std::lock_guard<std::mutex> lock(mutex);
  const uint64_t value = (static_cast<uint64_t>(device()) << 32) ^ device();
  return fmt::format("{:016x}", value);
}

}  // namespace

struct JobQueue::Job {
  std::string id, kind;
  ordered_json parameters;
  JobWork work;
  core::WorkControl control;
  std::string state = "queued";
  std::string submitted_at, started_at, finished_at;
  Clock::time_point deadline;
  bool timed_out = false;
  ordered_json result;
  Status error;
  int error_http = 0;  // the error's HTTP status when not error.HttpStatus()
};

JobQueue::JobQueue(JobLimits limits) : limits_(limits) {
  for (int i = 0; i < std::max(1, limits_.runners); ++i)
    runners_.emplace_back([this] { RunJobs(); });
  watcher_ = std::thread([this] { WatchTime(); });
}

JobQueue::~JobQueue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->control.Cancel();
  }
  wake_.notify_all();
  wake_watch_.notify_all();
  for (auto& t : runners_) t.join();
  watcher_.join();
}

std::optional<ordered_json> JobQueue::Submit(std::string kind, ordered_json parameters,
                                             JobWork work) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (active_ >= limits_.max_jobs) return std::nullopt;
  auto job = std::make_shared<Job>();
  job->id = NewId();
  job->kind = std::move(kind);
  job->parameters = std::move(parameters);
  job->work = std::move(work);
  job->submitted_at = UtcNow();
  jobs_[job->id] = job;
  queue_.push_back(job);
  ++active_;
  wake_.notify_one();
  return DescribeLocked(*job);
}

Result<ordered_json> JobQueue::Describe(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) {
    return Status::NotFound(
        fmt::format("no job '{}' (finished jobs are kept for a while only)", id));
  }
  return DescribeLocked(*it->second);
}

Result<ordered_json> JobQueue::Cancel(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return Status::NotFound(fmt::format("no job '{}'", id));
  Job& job = *it->second;
  if (job.state == "done" || job.state == "failed") {
    return Status::Conflict(
        fmt::format("job '{}' has already {}", id, job.state == "done" ? "finished" : "failed"));
  }
  job.control.Cancel();
  if (job.state == "queued") {
    std::erase_if(queue_, [&](const auto& queued) { return queued.get() == &job; });
    job.state = "cancelled";
    job.error = core::CancelledStatus();
    job.finished_at = UtcNow();
    --active_;
    finished_.push_back(job.id);
    ForgetOldLocked();
  }
  return DescribeLocked(job);
}

void JobQueue::RunJobs() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      job->state = "running";
      job->started_at = UtcNow();
      job->deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(limits_.time_limit_seconds));
    }
    wake_watch_.notify_all();
    Result<ordered_json> outcome = Status::Internal("the job did not run");
    try {
      outcome = job->work(job->control);
    } catch (const std::exception& e) {
      outcome = Status::Internal(fmt::format("the job failed: {}", e.what()));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    job->finished_at = UtcNow();
    job->work = nullptr;  // its captures (graphs, tables) are freed now, not when forgotten
    if (outcome.ok()) {
      job->state = "done";
      job->result = std::move(*outcome);
    } else if (job->timed_out) {
      job->state = "failed";
      job->error_http = 503;
      job->error = Status::Internal(fmt::format(
          "the job ran past the time limit of {} s (serve --job-time-limit) and was stopped",
          limits_.time_limit_seconds));
    } else if (job->control.cancelled()) {
      job->state = "cancelled";
      job->error = core::CancelledStatus();
    } else {
      job->state = "failed";
      job->error = outcome.status();
    }
    --active_;
    finished_.push_back(job->id);
    ForgetOldLocked();
  }
}

// Cancels running jobs past their deadline; wakes at the nearest deadline or every 100 ms.
void JobQueue::WatchTime() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    const auto now = Clock::now();
    for (auto& [id, job] : jobs_) {
      if (job->state == "running" && !job->timed_out && now >= job->deadline) {
        job->timed_out = true;
        job->control.Cancel();
      }
    }
    wake_watch_.wait_for(lock, std::chrono::milliseconds(100));
  }
}

ordered_json JobQueue::DescribeLocked(const Job& job) const {
  const bool finished = job.state != "queued" && job.state != "running";
  ordered_json out = {{"id", job.id},
                      {"kind", job.kind},
                      {"state", job.state},
                      {"progress", job.state == "done" ? 1.0 : job.control.fraction()},
                      {"parameters", job.parameters},
                      {"submitted_at", job.submitted_at}};
  if (!job.started_at.empty()) out["started_at"] = job.started_at;
  if (finished) out["finished_at"] = job.finished_at;
  if (!finished && job.control.cancelled()) out["cancel_requested"] = true;
  if (job.state == "done") out["result"] = job.result;
  if (job.state == "failed" || job.state == "cancelled") {
    out["error"] = {{"status", job.error_http != 0 ? job.error_http : job.error.HttpStatus()},
                    {"message", job.error.message()}};
  }
  return out;
}

void JobQueue::ForgetOldLocked() {
  while (finished_.size() > limits_.keep_finished) {
    jobs_.erase(finished_.front());
    finished_.pop_front();
  }
}

}  // namespace duckweed::server
