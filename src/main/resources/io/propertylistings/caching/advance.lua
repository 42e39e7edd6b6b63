-- Under maxmemory with noeviction Redis refuses a script's first write if it could add memory, and runs
-- the rest of a script once a first write went through: so dropping the old entries comes first. The new
-- generation is at least the caller's floor (ARGV[2], one above the highest it has seen): a counter lost
-- while Redis' clock is behind a generation handed out before (after a failover to a host whose clock lags)
-- would otherwise start again below it, and that node would doubt every answer until the clock caught up.
-- ARGV[3] names the change the eviction is for ('' for none): its eviction is made once, by whichever node
-- comes first (the writer after its commit, or a node that heard the commit's notification); the others find
-- it among the changes evicted in the last minute (KEYS[2], scored by Redis' clock in ms) and return the
-- generation with 0. That set is written last, for maxmemory.
-- Every eviction moves the generation. ARGV[5] = '1' evicts everything: the epoch (KEYS[3]) moves too, which
-- drops every detail. Otherwise the rows ARGV[7..] move, each dropping its own details (ARGV[6]: how long a
-- row's version is kept, at least as long as a detail).
if ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[2], ARGV[3]) then
  return {generation(KEYS[1]), 0}
end
local function unlink(members)
  for i = 1, #members, 500 do
    redis.call('UNLINK', unpack(members, i, math.min(i + 499, #members)))
  end
end
local function after(old, floor)
  local next = now_micros()
  if old and tonumber(old) and tonumber(old) >= next then
    next = tonumber(old) + 1
  end
  if floor and floor > next then
    next = floor
  end
  return string.format('%d', next)
end
local old = redis.call('GET', KEYS[1])
if old then
  local index = ARGV[1] .. old .. ':index'
  unlink(redis.call('ZRANGE', index, 0, -1))
  redis.call('UNLINK', index)
else
  redis.call('UNLINK', KEYS[1])
end
local old_epoch = redis.call('GET', KEYS[3])
if ARGV[5] == '1' and old_epoch then
  local rows = ARGV[1] .. old_epoch .. ':rows'
  unlink(redis.call('ZRANGE', rows, 0, -1))
  redis.call('UNLINK', rows)
elseif ARGV[5] ~= '1' then
  for i = 7, #ARGV do
    local entries = ARGV[1] .. 'row:' .. ARGV[i] .. ':entries'
    unlink(redis.call('SMEMBERS', entries))
    redis.call('UNLINK', entries)
  end
end
local text = after(old, tonumber(ARGV[2]))
redis.call('SET', KEYS[1], text)
if ARGV[5] == '1' then
  redis.call('SET', KEYS[3], after(old_epoch, nil))
else
  for i = 7, #ARGV do
    local row = ARGV[1] .. 'row:' .. ARGV[i]
    redis.call('SET', row, after(redis.call('GET', row), nil), 'PX', tonumber(ARGV[6]))
  end
end
if ARGV[3] ~= '' then
  local now = math.floor(now_micros() / 1000)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[4]))
  redis.call('ZADD', KEYS[2], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
end
return {text, 1}
