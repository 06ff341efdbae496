-- wrk script: POST client messages to random cases as the load agent.
-- Reads TOKEN, FIRST_CASE and CASES from the environment (set by run.sh).

local token = os.getenv("TOKEN")
local first = tonumber(os.getenv("FIRST_CASE"))
local cases = tonumber(os.getenv("CASES"))

local bodies = {
  "This is the third time I'm writing. You charged me twice and nobody answers!",
  "Hello, my parcel was due yesterday and the tracking has not moved. I need it for Thursday.",
  "I don't understand this invoice, what is the adjustment line for?",
  "You people are useless. I want a refund today or I'm calling my lawyer.",
  "Thanks for the quick reply, that sorts it. Have a good day.",
  "The repair was meant to take five days and it has been three weeks. I'm disappointed.",
}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local counter = 0

request = function()
  counter = counter + 1
  local case = first + (counter * 7919) % cases
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format(nil, "/api/v1/cases/" .. case .. "/messages/inbound", nil, '{"body": "' .. body .. '"}')
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d rate=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
