-- wrk script: each connection cycles through the API calls the dashboard's town page always makes
-- (web/src/pages/town.js: the territory, its evaluation, its peers; the référentiel only when the
-- evaluation does not say it is absent, the indicators only when the profile lacks them).
-- TOWN (env) names the town; CALLS (env) narrows the calls (to see which one costs). At the end: requests, non-2xx answers and socket errors, latency
-- percentiles, one "key value" a line for run.sh.
local town = os.getenv("TOWN") or "fr:62528"
-- CALLS (env): which of the three, comma-separated (default all): territory,evaluation,peers.
local calls = os.getenv("CALLS") or "territory,evaluation,peers"
local suffix = { territory = "", evaluation = "/evaluation", peers = "/peers" }
local paths = {}
for call in string.gmatch(calls, "[^,]+") do
  table.insert(paths, "/api/v1/territories/" .. town .. suffix[call])
end
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("seconds %.3f\n", summary.duration / 1e6))
  io.write(string.format("non_2xx %d\n", e.status))
  io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("p%d_ms %.2f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max_ms %.2f\n", latency.max / 1000))
end
