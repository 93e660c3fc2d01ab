-- rcpts.lua: many recipients.  1,000 RCPTs, all answered continue; the
-- verdict is the same as for one; and every recipient counts for the
-- recipient policies: the 1,000th alone, in reject.test, makes the
-- milter reject the unsigned message (the most severe recipient wins).
-- Then 1,000 more on the same connection, none in a policy domain, and
-- the message passes: nothing is left over from the message before.
dofile(mtdir .. "/mtlib.lua")

run("rcpts", function()
	local function rcpts(n, last)
		local t = {}
		for i = 1, n do
			t[i] = string.format("<user%04d@dom%d.example.org>", i, i % 50)
		end
		if last ~= nil then t[n] = last end
		return t
	end

	local conn = connect()
	local fields, body = load_message("rsa2048-detached.eml")

	-- 1. signed, 1,000 recipients
	local r = send_message(conn, fields, body, { qid = "RCPT1", rcpts = rcpts(1000) })
	check(r == SMFIR_CONTINUE, "1,000 recipients, signed: continue")
	check_tags(conn, "1,000 recipients", "pass", "pass")

	-- 2. unsigned, 1,000 recipients, the last one in reject.test
	local uf, ub = load_message("unsigned-plain.eml")
	r = send_message(conn, uf, ub, { qid = "RCPT2", rcpts = rcpts(1000, "<last@reject.test>") })
	check(r == SMFIR_REPLYCODE, "last of 1,000 recipients in reject.test: reply code (" .. reply_name(r) .. ")")
	check(mt.eom_check(conn, MT_SMTPREPLY, "550", "5.7.1", "S/MIME policy: message must be signed"),
	    "550 5.7.1 S/MIME policy: message must be signed")
	check(not mt.eom_check(conn, MT_HDRINSERT), "a rejected message gets no header")

	-- 3. unsigned again, 1,000 recipients, none in a policy domain: tagged
	r = send_message(conn, uf, ub, { qid = "RCPT3", rcpts = rcpts(1000) })
	check(r == SMFIR_CONTINUE, "1,000 other recipients, unsigned: continue (" .. reply_name(r) .. ")")
	check_tags(conn, "1,000 other recipients", "none", "none")

	disconnect(conn)
end)
