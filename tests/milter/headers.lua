-- headers.lua: huge headers.  Many fields (2,000 Received fields, 100 KB,
-- on top of a signed message: it still passes); one long field (990
-- bytes of value, about the most miltertest can send: longer fields are
-- the raw client's, 100,000 bytes, in tests/milter/protocol); one field
-- folded over 40 lines; and more header bytes than MaxHeaderBytes (128k
-- in the test configuration): a permerror naming the limit, not a crash
-- and not a pass.
dofile(mtdir .. "/mtlib.lua")

run("headers", function()
	local conn = connect()
	local fields, body = load_message("rsa2048-detached.eml")

	local function received(n)
		local t = {}
		for i = 1, n do
			t[i] = { "Received", string.format("from relay%d.example.net by mx.example.org; %05d", i, i) }
		end
		return t
	end

	-- 1. 2,000 fields on top of a signed message
	local r = send_message(conn, fields, body, { qid = "HDRS1", extra = received(2000) })
	check(r == SMFIR_CONTINUE, "2,000 fields: continue")
	check_tags(conn, "2,000 fields", "pass", "pass; type=mailbox; generation=strict",
	    "body%.smime%-identifier=alice@example%.com")

	-- 2. one long field, and one folded over 40 lines
	local lines = {}
	for i = 1, 40 do lines[i] = string.format("folded-line-%02d", i) end
	local extra = {
		{ "X-Long", string.rep("L", 990) },
		{ "X-Folded", table.concat(lines, "\r\n\t") },
	}
	r = send_message(conn, fields, body, { qid = "HDRS2", extra = extra })
	check(r == SMFIR_CONTINUE, "long and folded fields: continue")
	check_tags(conn, "long and folded fields", "pass", "pass")

	-- 3. a long Subject and a long From display name: our header.from is the
	-- address alone
	local from = { "From", '"' .. string.rep("D", 900) .. '" <alice@example.com>' }
	local f2 = {}
	for _, f in ipairs(fields) do
		if f[1] == "From" then f2[#f2 + 1] = from else f2[#f2 + 1] = f end
	end
	r = send_message(conn, f2, body, { qid = "HDRS3", extra = { { "Subject", string.rep("S", 990) } } })
	local ar = check_tags(conn, "long From and Subject", "pass", "pass", "header%.from=alice@example%.com")
	check(ar ~= nil and not ar:find("DDDD", 1, true), "the display name is not copied")
	check(ar ~= nil and not ar:find("SSSS", 1, true), "the subject is not copied")

	-- 4. 3,000 fields, 150 KB: over MaxHeaderBytes
	r = send_message(conn, fields, body, { qid = "HDRS4", extra = received(3000) })
	check(r == SMFIR_CONTINUE, "3,000 fields: continue (tag only)")
	check_tags(conn, "3,000 fields", "permerror", "none", "reason=limit_header_bytes")

	-- 5. and the connection still works for a plain signed message
	r = send_message(conn, fields, body, { qid = "HDRS5" })
	check_tags(conn, "after the limit", "pass", "pass")

	disconnect(conn)
end)
