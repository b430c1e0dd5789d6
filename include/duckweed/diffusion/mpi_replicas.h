// Monte Carlo replicas across processes with MPI (library duckweed_diffusion_mpi).
//
//   mpirun -n 4 duckweed diffuse run --graph G.edges --seeds 1 --replicas 100000 --json
//
// Each of the 4 processes runs a contiguous quarter of the replicas (ReplicaRange), each with its
// OpenMP threads; their partials are gathered (curves in rank order, per-node counts summed as
// exact 64-bit integers) and merged, so every number of the run record is bit-identical to the
// single-process run, whatever the number of processes and threads. Rank 0 prints and writes the
// outputs; the other ranks are silent. The record's `processes` and `threads` say what ran.
//
// Build: CMake option DUCKWEED_WITH_MPI (default ON when an MPI is found; Debian:
// libopenmpi-dev openmpi-bin). Without it this library is a stub: LaunchedByMpi() still detects
// a launcher and WorldDistributor() refuses with a usage error instead of every rank running all
// replicas. As root, Open MPI needs `mpirun --allow-run-as-root`.
//
// Thread safety: call from the main thread only (MPI_THREAD_FUNNELED); OpenMP workers never
// touch MPI.
#ifndef DUCKWEED_DIFFUSION_MPI_REPLICAS_H_
#define DUCKWEED_DIFFUSION_MPI_REPLICAS_H_

#include "duckweed/core/result.h"
#include "duckweed/diffusion/monte_carlo.h"

namespace duckweed::diffusion {

// True when this build has MPI support.
bool MpiBuilt();

// True when an MPI launcher started this process (Open MPI's OMPI_COMM_WORLD_SIZE, PMIx's
// PMIX_RANK or PMI's PMI_SIZE in the environment). A plain run never initialises MPI.
bool LaunchedByMpi();

// Initialises MPI on first call (finalised at process exit) and returns the distributor over
// every process of the job; it lives until exit. Errors: Usage when built without MPI, Internal
// when MPI fails to start or a gather fails.
core::Result<ReplicaDistributor*> WorldDistributor();

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_MPI_REPLICAS_H_
