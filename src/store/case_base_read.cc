// Reading back what `import table` stored: memberships, attributes, sources.
#include "duckweed/store/table_import.h"
#include "store/sqlite.h"

namespace duckweed::store {

using core::Result;
using internal::Statement;

Result<std::vector<NetworkMembership>> ListNetworkMemberships(Store& store,
                                                              const std::string& territory) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(store.handle(), R"sql(
    SELECT territory_id, network, joined, channel, via, COALESCE(source_id, 0)
    FROM network_membership WHERE territory_id = ? ORDER BY network, channel, via)sql"));
  stmt.Bind(1, territory);
  std::vector<NetworkMembership> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(
        {stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4), stmt.Int(5)});
  }
  return out;
}

Result<std::vector<NetworkMembership>> ListMembershipsOfNetwork(Store& store,
                                                                const std::string& network) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(store.handle(), R"sql(
    SELECT territory_id, network, joined, channel, via, COALESCE(source_id, 0)
    FROM network_membership WHERE network = ? ORDER BY territory_id, channel, via)sql"));
  stmt.Bind(1, network);
  std::vector<NetworkMembership> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(
        {stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4), stmt.Int(5)});
  }
  return out;
}

Result<std::vector<AttributeValue>> ListAttributes(Store& store, const std::string& territory) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(store.handle(), R"sql(
    SELECT v.territory_id, v.name, a.type, v.value, COALESCE(v.source_id, 0)
    FROM territory_attribute v JOIN attribute a ON a.name = v.name
    WHERE v.territory_id = ? ORDER BY v.name)sql"));
  stmt.Bind(1, territory);
  std::vector<AttributeValue> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Int(4)});
  }
  return out;
}

Result<std::vector<SourceRecord>> ListSources(Store& store) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(),
                         "SELECT id, file, address, licence, imported_at, row_count FROM source "
                         "ORDER BY id"));
  std::vector<SourceRecord> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(
        {stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4), stmt.Int(5)});
  }
  return out;
}

Result<std::vector<std::string>> ListNetworkMembers(Store& store, const std::string& network) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(),
                         "SELECT DISTINCT territory_id FROM network_membership WHERE network = ? "
                         "ORDER BY territory_id"));
  stmt.Bind(1, network);
  std::vector<std::string> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(stmt.Text(0));
  }
  return out;
}

}  // namespace duckweed::store
