-- wrk script: GET /api/search over a rotating list of Arabic queries (URL-encoded).
local queries = {
  "الشجرة", "وزارة الصحة", "\"وزارة الصحة\"", "النفط", "أسعار النفط", "الهلال", "النصر", "اليمن",
  "الحوثيين", "داعش", "الرياض", "جدة", "التعليم", "المعلمين", "الأمطار", "الحج", "العمرة", "إيران",
  "الاتفاق النووي", "سوريا", "الأسهم", "سوق الأسهم", "البطالة", "الإسكان", "الكهرباء", "المرور",
  "كرة القدم", "البانيا", "مكة المكرمة", "الطائف", "الدوري", "الملك سلمان",
}
local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local paths = {}
for i, q in ipairs(queries) do paths[i] = "/api/search?q=" .. enc(q) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
