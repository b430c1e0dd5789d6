// Towns like me by their census context: comparable figures computed from the context
// observations that `places import france` stores for every French commune (population 2015 and
// 2021, households, births, deaths, unemployment rate, area), so that a town can be compared with
// its peers even when they have no scored indicator.
//
// Figures, in this order: population change (% a year, compound, between the earliest and the
// latest population), unemployment rate (% of the active 15-64, latest), births and deaths per
// 1,000 inhabitants (latest, over the population of the latest year not after it), persons per
// household (the same population over the latest households), density (latest population per
// km2). A figure whose inputs are missing (or a zero denominator) stays missing.
//
// Thread safety: pure functions. Complexity: O(observations).
#ifndef DUCKWEED_TRANSFER_CONTEXT_PROFILE_H_
#define DUCKWEED_TRANSFER_CONTEXT_PROFILE_H_

#include <string>
#include <vector>

#include "duckweed/systemic/domain_scores.h"
#include "duckweed/transfer/peers.h"

namespace duckweed::evaluate {

// The figures' names, in the order of ContextProfile's scores.
const std::vector<std::string>& ContextFigureNames();

// The town's figures as a Profile (scores[i] is figure i, years[i] its year or 0), to be ranked
// with RankAmongPeers (rank 1: the highest value). Reads only "result" kinds the caller passes.
Profile ContextProfile(const std::string& town, const std::vector<Observation>& observations);

// Whether any figure is present.
bool HasContext(const Profile& profile);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_TRANSFER_CONTEXT_PROFILE_H_
