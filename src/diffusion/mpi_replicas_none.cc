// Built without MPI (DUCKWEED_WITH_MPI=OFF): refuse rather than let every rank run every replica.
#include "duckweed/diffusion/mpi_replicas.h"

namespace duckweed::diffusion {

bool MpiBuilt() { return false; }

core::Result<ReplicaDistributor*> WorldDistributor() {
  return core::Status::Usage(
      "started by mpirun, but this duckweed was built without MPI (DUCKWEED_WITH_MPI=OFF): run it "
      "without mpirun, or rebuild with libopenmpi-dev installed");
}

}  // namespace duckweed::diffusion
