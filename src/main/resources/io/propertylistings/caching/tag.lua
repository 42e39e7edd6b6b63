-- An entry's tag is the version of what it depends on. An answer built from the set of rows (a list, a page, a
-- caller's own list) depends on every write: its tag is the generation (KEYS[1]). A detail depends on its row
-- only (ARGV[4], its id): its tag is the epoch (KEYS[2], which moves only when everything is evicted), the id
-- and the row's version (KEYS[3]; '0' while the row has none: it gets one from the first store or write).
local function tag_of(generation_key, epoch_key, row_key, id)
  if id == '' then
    return generation(generation_key)
  end
  return generation(epoch_key) .. '-' .. id .. '-' .. (redis.call('GET', row_key) or '0')
end
