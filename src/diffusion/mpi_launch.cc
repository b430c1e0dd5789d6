// Launcher detection, shared by the MPI build and the stub.
#include <cstdlib>

#include "duckweed/diffusion/mpi_replicas.h"

namespace duckweed::diffusion {

bool LaunchedByMpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace duckweed::diffusion
