-- maxsize.lua: MaximumMessageSize (1M = 1,048,576 bytes in the test
-- configuration; the size the milter counts is the header fields as
-- "Name: value\r\n", the empty line, and the body).  A message of exactly
-- the limit is checked; one byte more is not checked (memory and time stay
-- bounded) and is tagged smime=permerror reason=too_large, signed or not,
-- and passed on: never rejected for its size, never buffered.  The driver
-- checks the log gives the real size of each.
dofile(mtdir .. "/mtlib.lua")

local LIMIT = 1048576

local function header_size(fields)
	local n = 2	-- the empty line
	for _, f in ipairs(fields) do n = n + #f[1] + 2 + #f[2] + 2 end
	return n
end

-- a body of exactly n bytes, in CRLF lines
local function filler(n)
	local line = string.rep("0123456789", 7) .. "\r\n"	-- 72 bytes
	local t = string.rep(line, n // #line)
	return t .. string.rep("z", n - #t)
end

run("maxsize", function()
	local conn = connect()
	local fields = { { "From", "Alice <alice@example.com>" }, { "To", "bob@example.org" },
	    { "Subject", "size test" } }
	local hs = header_size(fields)

	local r = send_message(conn, fields, filler(LIMIT - hs), { qid = "MAXSIZE1", chunk = 65535 })
	check(r == SMFIR_CONTINUE, "exactly the limit: continue")
	check_tags(conn, "exactly the limit", "none", "none", "reason=unsigned")

	r = send_message(conn, fields, filler(LIMIT - hs + 1), { qid = "MAXSIZE2", chunk = 65535 })
	check(r == SMFIR_CONTINUE, "one byte over: continue")
	check_tags(conn, "one byte over", "permerror", "none", "reason=too_large")

	-- a signed message grown over the limit (a long preamble before the
	-- first boundary: the signature itself would still verify)
	local sf, sb = load_message("rsa2048-detached.eml")
	local big = filler(2 * LIMIT) .. "\r\n" .. sb
	r = send_message(conn, sf, big, { qid = "MAXSIZE3", chunk = 65535 })
	check(r == SMFIR_CONTINUE, "signed, 2M: continue")
	check_tags(conn, "signed, 2M", "permerror", "none", "reason=too_large")

	-- too large even for reject.test, which rejects unsigned mail: the
	-- size is a permerror, and OnPermerror (tag) applies
	r = send_message(conn, fields, filler(LIMIT), { qid = "MAXSIZE4", chunk = 65535,
	    rcpts = { "<x@reject.test>" } })
	check(r == SMFIR_CONTINUE, "too large to reject.test: continue")

	-- the same signed message under the limit, on the same connection
	r = send_message(conn, sf, filler(LIMIT // 2) .. "\r\n" .. sb, { qid = "MAXSIZE5", chunk = 65535 })
	check_tags(conn, "signed, 512k preamble", "pass", "pass")
	disconnect(conn)
end)
