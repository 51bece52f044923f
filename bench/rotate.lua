-- wrk's requests, each to the next path of a file (one a line), in turn: many URLs in one load.
--
--     wrk --script bench/rotate.lua http://127.0.0.1:8000 -- bench/tmp/hot-urls.txt
--
-- At the end it reports how many of the answers were made by the API's views
-- rather than read from the response cache: those whose X-Query-Count
-- (bench/query_count.py) is above zero.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Globals of each thread, read back by done() through thread:get.
function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  last = 0
  answers = 0
  computed = 0
end

function request()
  last = last % #paths + 1
  return wrk.format("GET", paths[last])
end

function response(status, headers, body)
  answers = answers + 1
  local queries = tonumber(headers["X-Query-Count"])
  if queries ~= nil and queries > 0 then
    computed = computed + 1
  end
end

function done(summary, latency, requests)
  local all, made = 0, 0
  for _, thread in ipairs(threads) do
    all = all + thread:get("answers")
    made = made + thread:get("computed")
  end
  io.write(string.format("Computed answers: %d of %d\n", made, all))
end
