// ReplicaDistributor over MPI_COMM_WORLD: all-gathers the partials' curves (or histograms) in rank
// order and sums the per-node counts exactly (64-bit integers), so every rank can merge the whole
// run.
#include "duckweed/diffusion/mpi_replicas.h"

#include <fmt/format.h>
#include <mpi.h>

#include <bit>
#include <climits>
#include <cstdlib>
#include <memory>
#include <vector>

namespace duckweed::diffusion {
namespace {

core::Status Check(int code, const char* what) {
  if (code == MPI_SUCCESS) return core::Status::Ok();
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  return core::Status::Internal(fmt::format("MPI {} failed: {}", what, std::string(text, length)));
}

// Counts and displacements of an all-gather of `counts[i]` elements from rank i.
struct Layout {
  std::vector<int> counts, displs;
  size_t total = 0;
};

core::Result<Layout> MakeLayout(const std::vector<uint64_t>& counts) {
  Layout l;
  for (uint64_t c : counts) {
    if (c > INT_MAX || l.total + c > INT_MAX) {
      return core::Status::Internal("a partial is too large for one MPI gather (over 2^31 words)");
    }
    l.counts.push_back(static_cast<int>(c));
    l.displs.push_back(static_cast<int>(l.total));
    l.total += c;
  }
  return l;
}

template <class Word>
core::Result<std::vector<Word>> GatherWords(const std::vector<Word>& mine, const Layout& l) {
  static_assert(sizeof(Word) == 4 || sizeof(Word) == 8);
  const MPI_Datatype type = sizeof(Word) == 4 ? MPI_UINT32_T : MPI_UINT64_T;
  std::vector<Word> all(l.total);
  DUCKWEED_RETURN_IF_ERROR(
      Check(MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), type, all.data(),
                           l.counts.data(), l.displs.data(), type, MPI_COMM_WORLD),
            "Allgatherv"));
  return all;
}

class MpiDistributor final : public ReplicaDistributor {
 public:
  MpiDistributor() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  core::Result<std::vector<MonteCarloPartial>> Gather(MonteCarloPartial mine) override {
    // Header per rank: first, end, curve words, threads, seconds (bits), per-node flag,
    // histogram words.
    constexpr int kHeader = 7;
    const uint64_t header[kHeader] = {mine.first_replica,
                                      mine.end_replica,
                                      mine.adopted.size(),
                                      static_cast<uint64_t>(mine.threads_used),
                                      std::bit_cast<uint64_t>(mine.seconds),
                                      mine.node_adoptions.size(),
                                      mine.histograms.size()};
    std::vector<uint64_t> headers(static_cast<size_t>(kHeader) * size_);
    DUCKWEED_RETURN_IF_ERROR(Check(MPI_Allgather(header, kHeader, MPI_UINT64_T, headers.data(),
                                                 kHeader, MPI_UINT64_T, MPI_COMM_WORLD),
                                   "Allgather"));
    std::vector<uint64_t> replica_counts, word_counts, histogram_counts;
    for (int i = 0; i < size_; ++i) {
      const uint64_t* h = &headers[static_cast<size_t>(kHeader) * i];
      if (h[5] != mine.node_adoptions.size()) {
        return core::Status::Internal("MPI ranks disagree on the per-node results");
      }
      replica_counts.push_back(h[6] > 0 ? 0 : h[1] - h[0]);  // curve lengths; none with histograms
      word_counts.push_back(h[2]);
      histogram_counts.push_back(h[6]);
    }
    DUCKWEED_ASSIGN_OR_RETURN(const Layout by_replica, MakeLayout(replica_counts));
    DUCKWEED_ASSIGN_OR_RETURN(const Layout by_word, MakeLayout(word_counts));
    DUCKWEED_ASSIGN_OR_RETURN(const auto lengths, GatherWords(mine.curve_lengths, by_replica));
    DUCKWEED_ASSIGN_OR_RETURN(const auto adopted, GatherWords(mine.adopted, by_word));
    DUCKWEED_ASSIGN_OR_RETURN(const auto prevalence, GatherWords(mine.prevalence, by_word));
    DUCKWEED_ASSIGN_OR_RETURN(const Layout by_histogram, MakeLayout(histogram_counts));
    DUCKWEED_ASSIGN_OR_RETURN(const auto histograms, GatherWords(mine.histograms, by_histogram));
    std::vector<MonteCarloPartial> parts(size_);
    for (int i = 0; i < size_; ++i) {
      const uint64_t* h = &headers[static_cast<size_t>(kHeader) * i];
      MonteCarloPartial& p = parts[i];
      p.first_replica = h[0];
      p.end_replica = h[1];
      p.threads_used = static_cast<int>(h[3]);
      p.seconds = std::bit_cast<double>(h[4]);
      const auto slice = []<class Word>(const std::vector<Word>& all, const Layout& l, int rank) {
        return std::vector<Word>(all.begin() + l.displs[rank],
                                 all.begin() + l.displs[rank] + l.counts[rank]);
      };
      p.curve_lengths = slice(lengths, by_replica, i);
      p.adopted = slice(adopted, by_word, i);
      p.prevalence = slice(prevalence, by_word, i);
      p.histograms = slice(histograms, by_histogram, i);
    }
    // Integer sums are exact in any order; rank 0's partial carries the job's totals.
    if (!mine.node_adoptions.empty()) {
      parts[0].node_adoptions.resize(mine.node_adoptions.size());
      parts[0].node_time_sums.resize(mine.node_time_sums.size());
      const int n = static_cast<int>(mine.node_adoptions.size());
      DUCKWEED_RETURN_IF_ERROR(
          Check(MPI_Allreduce(mine.node_adoptions.data(), parts[0].node_adoptions.data(), n,
                              MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD),
                "Allreduce"));
      DUCKWEED_RETURN_IF_ERROR(
          Check(MPI_Allreduce(mine.node_time_sums.data(), parts[0].node_time_sums.data(), n,
                              MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD),
                "Allreduce"));
    }
    return parts;
  }

  core::Result<std::vector<uint32_t>> AllGatherWords(std::vector<uint32_t> mine) override {
    const uint64_t size = mine.size();
    std::vector<uint64_t> sizes(size_);
    DUCKWEED_RETURN_IF_ERROR(
        Check(MPI_Allgather(&size, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD),
              "Allgather"));
    DUCKWEED_ASSIGN_OR_RETURN(const Layout layout, MakeLayout(sizes));
    return GatherWords(mine, layout);
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

void FinalizeAtExit() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

}  // namespace

bool MpiBuilt() { return true; }

core::Result<ReplicaDistributor*> WorldDistributor() {
  static std::unique_ptr<MpiDistributor> world;
  if (world) return world.get();
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    int provided = 0;
    DUCKWEED_RETURN_IF_ERROR(
        Check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "Init"));
    std::atexit(FinalizeAtExit);
  }
  world = std::make_unique<MpiDistributor>();
  return world.get();
}

}  // namespace duckweed::diffusion
