-- The current generation, then each live entry of its index and of the epoch's details, with the
-- milliseconds it has left.
local current = generation(KEYS[1])
local epoch = generation(KEYS[2])
local now = math.floor(now_micros() / 1000)
local reply = {current}
for _, index in ipairs({ARGV[1] .. current .. ':index', ARGV[1] .. epoch .. ':rows'}) do
  local members = redis.call('ZRANGEBYSCORE', index, '(' .. now, '+inf', 'WITHSCORES')
  for i = 1, #members, 2 do
    reply[#reply + 1] = members[i]
    reply[#reply + 1] = string.format('%d', tonumber(members[i + 1]) - now)
  end
end
return reply
