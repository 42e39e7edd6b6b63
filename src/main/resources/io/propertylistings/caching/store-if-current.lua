-- Stores only under the tag read before the load (ARGV[1]), and notes the entry and its expiry (Redis' clock,
-- in ms) in the index of what it depends on: the generation's, or for a detail the epoch's and its row's. A
-- row without a version gets one now, so that its next write has one to move past. Returns the tag.
local tag = tag_of(KEYS[1], KEYS[2], KEYS[3], ARGV[6])
if tag ~= ARGV[1] then
  return false
end
local ttl = tonumber(ARGV[3])
local index
if ARGV[6] == '' then
  index = ARGV[4] .. tag .. ':index'
else
  if not redis.call('GET', KEYS[3]) then
    redis.call('SET', KEYS[3], string.format('%d', now_micros()), 'PX', ttl)
    tag = tag_of(KEYS[1], KEYS[2], KEYS[3], ARGV[6])
  elseif redis.call('PTTL', KEYS[3]) < ttl then
    redis.call('PEXPIRE', KEYS[3], ttl)
  end
  index = ARGV[4] .. generation(KEYS[2]) .. ':rows'
end
local key = ARGV[4] .. tag .. ARGV[5]
redis.call('SET', key, ARGV[2], 'PX', ttl)
if ARGV[6] ~= '' then
  redis.call('SADD', KEYS[4], key)
  if redis.call('PTTL', KEYS[4]) < ttl then
    redis.call('PEXPIRE', KEYS[4], ttl)
  end
end
local now = math.floor(now_micros() / 1000)
redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
redis.call('ZADD', index, now + ttl, key)
if redis.call('PTTL', index) < ttl then
  redis.call('PEXPIRE', index, ttl)
end
return tag
