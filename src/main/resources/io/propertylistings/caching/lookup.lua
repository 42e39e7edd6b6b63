-- One round trip for a hit: the generation, the entry's tag and the entry stored under it, unless the caller
-- already holds the entry of that tag (ARGV[3]), which then need not cross the network again.
local current = generation(KEYS[1])
local tag = tag_of(KEYS[1], KEYS[2], KEYS[3], ARGV[4])
if tag == ARGV[3] then
  return {current, tag}
end
local entry = redis.call('GET', ARGV[1] .. tag .. ARGV[2])
if entry then
  return {current, tag, entry}
end
return {current, tag}
