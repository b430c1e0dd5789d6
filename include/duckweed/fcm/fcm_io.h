// Reading and writing FCMs.
//
// CSV, two layouts (told apart by the header):
//   edge list   header `from,to,weight` (or `source,target,weight`), one edge per row, weight in
//               [−1, 1]. Without a concepts file, the concepts are those named by the edges, in
//               order of first appearance; with one, an edge naming any other concept is an error.
//   matrix      header `<label>,C1,...,Cn`, then one row per concept `Ci,w_i1,...,w_in` (row =
//               cause, column = effect); an empty cell is 0.
// Concepts file (optional, CSV): column `concept`, optional `initial` (activation at t = 0) and any
// other columns (e.g. `description`), which are ignored.
// JSON: {"concepts": [...], "weight_matrix": [[...]], "initial_state": {"C1": 1, ...}} (the layout
// of the FCMpy / Mental Modeler references) or {"concepts": [...]?, "edges": [{"from", "to",
// "weight"}]}; "initial_state" may also be an array.
//
// Errors (InvalidInput, every problem at once, each naming file:line:column and the field, or the
// JSON path): a weight outside [−1, 1] or not a number, an unknown concept, a duplicate concept
// or edge, a missing column, an empty map. Unreadable files: IoError naming the path.
//
// Thread safety: pure functions. Complexity: linear in the input plus O(n²) for the matrix.
#ifndef DUCKWEED_FCM_FCM_IO_H_
#define DUCKWEED_FCM_FCM_IO_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/fcm/fcm.h"

namespace duckweed::fcm {

// A concepts file's content.
struct FcmConceptList {
  std::vector<std::string> names;
  std::vector<std::optional<double>> initial;  // one per name
};

core::Result<FcmConceptList> ParseFcmConceptsCsv(std::string_view text, std::string source);
// `concepts` restricts and orders the concepts of an edge list and supplies initial values.
core::Result<FcmMap> ParseFcmCsv(std::string_view text, std::string source,
                                 const FcmConceptList* concepts = nullptr);
core::Result<FcmMap> ParseFcmJson(std::string_view text, std::string source);

// Reads `path` (JSON when it ends in .json, else CSV) with an optional concepts file.
core::Result<FcmMap> ReadFcmFile(const std::filesystem::path& path,
                                 const std::optional<std::filesystem::path>& concepts_path = {});

// Edge list CSV of the non-zero weights (isolated concepts are lost; use the matrix or JSON).
std::string FcmToEdgeCsv(const FcmMap& map);
// Matrix CSV (header `concept,C1,...`); keeps every concept, not the initial values.
std::string FcmToMatrixCsv(const FcmMap& map);
// JSON in the layout ParseFcmJson reads; keeps everything.
std::string FcmToJson(const FcmMap& map);

// Writes `map` atomically; JSON when `path` ends in .json, else matrix CSV.
core::Status WriteFcmFile(const std::filesystem::path& path, const FcmMap& map);

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_IO_H_
