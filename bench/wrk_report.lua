-- wrk script for `make bench` (bench/load.py runs it).
--
-- Each request carries the Cookie header of one of several signed-in members,
-- taken in turn, so the load isn't one member's; an empty file means a visitor's
-- requests, with no Cookie header at all. A POST sends the form body
-- given, with a number added so no two replies are the same. At the end one
-- line, "BENCH_RESULT {json}", has the figures load.py reads, including a count
-- of responses by status: a 302 to the sign-in page is not an error to wrk, but
-- it is to us.
--
-- Arguments after `--`: <file with one Cookie header a line> <GET|POST> [<form body>]

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  cookies = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      cookies[#cookies + 1] = line
    end
  end
  method = args[2]
  form = args[3]
  statuses = {}
  -- Threads start on different members.
  sent = id * 7
end

function request()
  sent = sent + 1
  local headers = {}
  if #cookies > 0 then
    headers["Cookie"] = cookies[sent % #cookies + 1]
  end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", nil, headers, form .. "+" .. id .. "-" .. sent)
  end
  return wrk.format(method, nil, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local by_status = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      by_status[#by_status + 1] = string.format('"%d": %d', status, count)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "max_us": %d, "non_2xx_3xx": %d, "socket_errors": %d, '
      .. '"statuses": [%s]}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    "{" .. table.concat(by_status, "}, {") .. "}"
  ))
end
