// Internal: runs replica bodies under an execution policy. The body is the same function for
// every policy (the sequential run is the oracle of the parallel one); a policy only decides which
// worker runs which replica. Each worker owns its scratch state, created by `make_worker`.
#ifndef DUCKWEED_SRC_DIFFUSION_REPLICA_LOOP_H_
#define DUCKWEED_SRC_DIFFUSION_REPLICA_LOOP_H_

#include <omp.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <variant>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"

namespace duckweed::diffusion::internal {

// Calls body(worker, r) once for each r in [0, replicas). Returns the workers, one per thread
// OpenMP actually granted (never null): the team may be smaller than the threads requested
// (OMP_THREAD_LIMIT, dynamic adjustment, a call from inside another parallel region), so the
// slots are sized by omp_get_num_threads() inside the region, not by the request (issue 16).
//
// An exception must never leave an OpenMP region (that is std::terminate: SIGABRT). A
// std::bad_alloc thrown by make_worker or body inside the region is caught, the remaining
// replicas are skipped, and it is thrown again after the region, where callers can handle it.
template <class MakeWorker, class Body>
auto ForEachReplica(const ExecutionPolicy& policy, uint64_t replicas, MakeWorker make_worker,
                    Body body) {
  using Worker = std::invoke_result_t<MakeWorker>;
  std::vector<std::unique_ptr<Worker>> workers;
  if (std::holds_alternative<Sequential>(policy)) {
    workers.push_back(std::make_unique<Worker>(make_worker()));
    for (uint64_t r = 0; r < replicas; ++r) body(*workers[0], r);
    return workers;
  }
  const int requested = std::get<Parallel>(policy).threads;
  const int threads = requested > 0 ? requested : omp_get_max_threads();
  std::atomic<bool> out_of_memory{false};
#pragma omp parallel num_threads(threads)
  {
#pragma omp single
    workers.resize(omp_get_num_threads());  // the implied barrier publishes the size
    std::unique_ptr<Worker> worker;
    try {
      worker = std::make_unique<Worker>(make_worker());
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
    }
#pragma omp for schedule(dynamic, 16)
    for (int64_t r = 0; r < static_cast<int64_t>(replicas); ++r) {
      if (!worker || out_of_memory.load(std::memory_order_relaxed)) continue;
      try {
        body(*worker, static_cast<uint64_t>(r));
      } catch (const std::bad_alloc&) {
        out_of_memory = true;
      }
    }
    workers[omp_get_thread_num()] = std::move(worker);
  }
  if (out_of_memory) throw std::bad_alloc();
  return workers;  // every slot filled: each granted thread made its worker (else out_of_memory)
}

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_REPLICA_LOOP_H_
