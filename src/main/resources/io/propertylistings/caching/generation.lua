-- A generation that does not exist yet (a new Redis, one restarted without its data, or one whose
-- maxmemory policy evicted the counter) starts at the current time in microseconds, above every number
-- handed out before.
local function now_micros()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end
local function generation(key)
  local current = redis.call('GET', key)
  if not current then
    current = string.format('%d', now_micros())
    redis.call('SET', key, current)
  end
  return current
end
