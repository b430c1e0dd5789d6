// The text of src/systemic/domains.json, embedded at build time (domains_data.cc.in).
#ifndef DUCKWEED_SRC_SYSTEMIC_DOMAINS_DATA_H_
#define DUCKWEED_SRC_SYSTEMIC_DOMAINS_DATA_H_

namespace duckweed::evaluate::internal {
const char* DomainsJson();
}  // namespace duckweed::evaluate::internal

#endif  // DUCKWEED_SRC_SYSTEMIC_DOMAINS_DATA_H_
