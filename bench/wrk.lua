-- wrk script of `scripts/bench load`. Arguments after `--`:
--   get                                   plain GETs of the URL (the headers come from -H)
--   ledger PARTICIPANT CENTRE RUN         POST /api/v1/ledger: an hour volunteered, each
--                                         request with its own idempotency key
-- At the end it prints one line for the script: requests, p50 and p99 latency (microseconds),
-- duration (microseconds), and the count of non-2xx answers and socket errors.

local mode, participant, centre, run
local thread_id, sent = 0, 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode, participant, centre, run = args[1] or "get", args[2], args[3], args[4]
  if mode == "ledger" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
end

function request()
  if mode ~= "ledger" then
    return wrk.format()
  end
  sent = sent + 1
  local body = string.format(
    '{"idempotency_key":"banc-%s-%d-%d","operation":{"type":"volunteering",' ..
    '"participant_id":%s,"centre_id":%s,"minutes":60,"note":"Banc d\'essai"}}',
    run, thread_id, sent, participant, centre)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests,
    latency:percentile(50), latency:percentile(99), summary.duration,
    errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
