// Internal to the server: how a handler's outcome becomes an HTTP response — JSON, CSV of one of
// its tables when asked for, or the JSON error of a Status.
#ifndef DUCKWEED_SERVER_REPLY_H_
#define DUCKWEED_SERVER_REPLY_H_

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/core/result.h"

namespace duckweed::server {

// A handler's outcome: a JSON body, its status, and where its table is for CSV (a JSON pointer to
// an array of objects, "" = the body itself; unset: the route has no table).
struct Reply {
  nlohmann::ordered_json body;
  int status = 200;
  std::optional<std::string> table;
};

// {"error": {"status", "message", "diagnostics": [{"message", "field"?, "source"?, "line"?,
// "column"?}]}} with status.HttpStatus().
void SendError(httplib::Response& res, const core::Status& status);
// Whether the request asks for CSV: ?format=csv, or (without a format parameter) an Accept header
// naming text/csv.
bool WantsCsv(const httplib::Request& req);
// The reply as JSON, or as CSV when the request asks for it (?format=csv or Accept: text/csv) and
// the reply has a table; a CSV asked of a route without a table is 406.
void SendReply(const httplib::Request& req, httplib::Response& res, const Reply& reply);
// An array of flat objects as CSV: columns in order of first appearance, nested values as their
// JSON text, null as an empty cell, every cell through core::CsvEscape.
std::string JsonTableToCsv(const nlohmann::ordered_json& rows);

using Handler = std::function<core::Result<Reply>(const httplib::Request&)>;
// Wraps a handler: its Status becomes a JSON error, an exception a 500 JSON error.
httplib::Server::Handler Wrap(Handler handler);

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_REPLY_H_
