#include "server/reply.h"

#include <cmath>
#include <exception>

#include "duckweed/core/csv.h"

namespace duckweed::server {

using nlohmann::ordered_json;

void SendError(httplib::Response& res, const core::Status& status) {
  ordered_json diagnostics = ordered_json::array();
  for (const auto& d : status.diagnostics()) {
    ordered_json one = {{"message", d.message}};
    if (!d.where.field.empty()) one["field"] = d.where.field;
    if (!d.where.source.empty()) one["source"] = d.where.source;
    if (d.where.line > 0) one["line"] = d.where.line;
    if (d.where.column > 0) one["column"] = d.where.column;
    diagnostics.push_back(std::move(one));
  }
  const int http = status.HttpStatus();
  ordered_json body = {
      {"error", {{"status", http}, {"message", status.message()}, {"diagnostics", diagnostics}}}};
  res.status = http;
  res.set_content(body.dump(), "application/json");
}

bool WantsCsv(const httplib::Request& req) {
  if (req.has_param("format")) return req.get_param_value("format") == "csv";
  const std::string accept = req.get_header_value("Accept");
  return accept.find("text/csv") != std::string::npos;
}

namespace {

std::string Cell(const ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return core::CsvEscape(v.get<std::string>());
  // Whole numbers as integers (27, not 27.0), others as JSON writes them (shortest round trip).
  if (v.is_number_float()) {
    const double x = v.get<double>();
    if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 1e15) {
      return std::to_string(static_cast<int64_t>(x));
    }
  }
  return core::CsvEscape(v.dump());
}

}  // namespace

std::string JsonTableToCsv(const ordered_json& rows) {
  std::vector<std::string> columns;
  for (const auto& row : rows) {
    if (!row.is_object()) continue;
    for (const auto& [key, value] : row.items()) {
      if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
    }
  }
  std::string out;
  for (size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + core::CsvEscape(columns[c]);
  out += "\r\n";
  for (const auto& row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c) out += ',';
      if (row.is_object() && row.contains(columns[c])) out += Cell(row[columns[c]]);
    }
    out += "\r\n";
  }
  return out;
}

void SendReply(const httplib::Request& req, httplib::Response& res, const Reply& reply) {
  if (WantsCsv(req) && reply.status < 300) {
    if (!reply.table) {
      res.status = 406;
      ordered_json body = {{"error",
                            {{"status", 406},
                             {"message", "this route answers JSON only (it has no table)"},
                             {"diagnostics", ordered_json::array()}}}};
      res.set_content(body.dump(), "application/json");
      return;
    }
    const ordered_json& rows =
        reply.table->empty() ? reply.body : reply.body.at(ordered_json::json_pointer(*reply.table));
    res.status = reply.status;
    res.set_content(JsonTableToCsv(rows), "text/csv; charset=utf-8");
    return;
  }
  res.status = reply.status;
  res.set_content(reply.body.dump(), "application/json");
}

httplib::Server::Handler Wrap(Handler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      auto reply = handler(req);
      if (!reply.ok()) {
        SendError(res, reply.status());
        return;
      }
      SendReply(req, res, *reply);
    } catch (const std::exception& e) {
      SendError(res, core::Status::Internal(std::string("internal error: ") + e.what()));
    }
  };
}

}  // namespace duckweed::server
