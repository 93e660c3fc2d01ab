-- abort.lua: aborted messages.  A message aborted in the middle of its
-- body (mt.abort: the MTA's RSET, or a client gone), then a good one on
-- the same connection: the second gets its own verdict, nothing of the
-- first (not its forged header to delete, not its size, not its
-- recipients) leaks into it, and the aborted one is never logged (the
-- driver checks the log for ABORT1).  Aborts at each stage: after MAIL,
-- after RCPT, after the header, and twice in a row.
dofile(mtdir .. "/mtlib.lua")

run("abort", function()
	local conn = connect()
	local fields, body = load_message("rsa2048-detached.eml")

	-- 1. half a signed message with a forged A-R on top, to reject.test,
	-- then abort
	step(conn, "conninfo", mt.conninfo, "client.example.net", "192.0.2.10")
	sent_conninfo[conn] = true
	mt.macro(conn, SMFIC_MAIL, "i", "ABORT1")
	step(conn, "mailfrom", mt.mailfrom, "<mallory@example.net>")
	step(conn, "rcptto", mt.rcptto, "<x@reject.test>")
	step(conn, "header A-R", mt.header, AR, AUTHSERV .. "; smime=pass")
	for _, f in ipairs(fields) do step(conn, "header " .. f[1], mt.header, f[1], f[2]) end
	step(conn, "eoh", mt.eoh)
	step(conn, "half the body", mt.bodystring, body:sub(1, #body // 2))
	if mt.abort(conn) ~= nil then fail("mt.abort") end

	-- 2. the good one: its own verdict, no deletion, no reject
	local r = send_message(conn, fields, body, { qid = "ABORT2" })
	check(r == SMFIR_CONTINUE, "after the abort: continue (" .. reply_name(r) .. ")")
	check_tags(conn, "after the abort", "pass", "pass")
	check(not mt.eom_check(conn, MT_HDRDELETE), "nothing of the aborted message is deleted")

	-- 3. aborts at every stage, twice in a row at the end
	step(conn, "mailfrom", mt.mailfrom, "<alice@example.com>")
	if mt.abort(conn) ~= nil then fail("abort after MAIL") end
	step(conn, "mailfrom", mt.mailfrom, "<alice@example.com>")
	step(conn, "rcptto", mt.rcptto, "<x@reject.test>")
	if mt.abort(conn) ~= nil then fail("abort after RCPT") end
	step(conn, "mailfrom", mt.mailfrom, "<alice@example.com>")
	step(conn, "rcptto", mt.rcptto, "<x@reject.test>")
	for _, f in ipairs(fields) do step(conn, "header " .. f[1], mt.header, f[1], f[2]) end
	step(conn, "eoh", mt.eoh)
	if mt.abort(conn) ~= nil then fail("abort after EOH") end
	if mt.abort(conn) ~= nil then fail("second abort") end

	-- 4. an unsigned message to an ordinary recipient: tagged, not
	-- rejected (the reject.test recipients above are gone)
	local uf, ub = load_message("unsigned-plain.eml")
	r = send_message(conn, uf, ub, { qid = "ABORT3" })
	check(r == SMFIR_CONTINUE, "after four aborts: continue (" .. reply_name(r) .. ")")
	check_tags(conn, "after four aborts", "none", "none")

	-- 5. a connection closed in the middle of a message (no abort, no quit):
	-- the milter must carry on with the next connection
	local c2 = connect()
	step(c2, "conninfo", mt.conninfo, "client.example.net", "192.0.2.10")
	step(c2, "mailfrom", mt.mailfrom, "<alice@example.com>")
	step(c2, "rcptto", mt.rcptto, "<bob@example.org>")
	for _, f in ipairs(fields) do step(c2, "header " .. f[1], mt.header, f[1], f[2]) end
	step(c2, "eoh", mt.eoh)
	step(c2, "some body", mt.bodystring, body:sub(1, 100))
	mt.disconnect(c2, false)

	local c3 = connect()
	r = send_message(c3, fields, body, { qid = "ABORT4" })
	check_tags(c3, "after a dropped connection", "pass", "pass")
	disconnect(c3)

	disconnect(conn)
end)
