-- wrk script: 9 searches for every POST /api/analyze of a short article.
local queries = { "الشجرة", "وزارة الصحة", "\"وزارة الصحة\"", "النفط", "أسعار النفط", "الهلال", "اليمن", "الرياض", "الحج" }
local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local body = '{"text": "أعلنت وزارة الصحة في الرياض اليوم عن إطلاق حملة وطنية للتطعيم تستهدف الأطفال في المدارس، وقال المتحدث الرسمي للوزارة إن الحملة تستمر أسبوعين وتشمل جميع مناطق المملكة."}'
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    return wrk.format("POST", "/api/analyze", { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", "/api/search?q=" .. enc(queries[(n % #queries) + 1]))
end
