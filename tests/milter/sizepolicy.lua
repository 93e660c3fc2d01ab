--
-- sizepolicy.lua: sender policies still apply to a message over
-- MaximumMessageSize.  The test configuration has SenderPolicies for
-- strict.test: OnUnsigned, OnFail and OnPermerror reject ("mail From
-- strict.test must be signed, else reject").  A small unsigned message
-- From ceo@strict.test is rejected; the same message padded over the
-- limit is a permerror (too_large) and must be rejected as well: the From
-- field was read in full before the size ran over, and msgctx_eom() keeps
-- it (report_without_scan()), so padding cannot escape the policy.
dofile(mtdir .. "/mtlib.lua")

run("sizepolicy", function()
	local conn = connect()
	local fields = { { "From", "CEO <ceo@strict.test>" }, { "To", "bob@example.org" },
	    { "Subject", "urgent payment" } }
	local r = send_message(conn, fields, "pay now\r\n", { qid = "SIZEPOL1" })
	check(r == SMFIR_REPLYCODE, "small unsigned From strict.test: rejected (" .. reply_name(r) .. ")")
	check(mt.eom_check(conn, MT_SMTPREPLY, "550", "5.7.1", "S/MIME policy: message must be signed"),
	    "550 5.7.1 S/MIME policy: message must be signed")

	local pad = string.rep(string.rep("x", 70) .. "\r\n", 16000)	-- 1.15 MB
	r = send_message(conn, fields, "pay now\r\n" .. pad, { qid = "SIZEPOL2", chunk = 65535 })
	check(r == SMFIR_REPLYCODE, "the same padded over MaximumMessageSize: rejected too (" .. reply_name(r) .. ")")
	check(mt.eom_check(conn, MT_SMTPREPLY, "550", "5.7.1", "S/MIME policy: malformed S/MIME"),
	    "550 5.7.1 S/MIME policy: malformed S/MIME (OnPermerror)")
	local ar = added(conn, AR)
	check(ar == nil or ar:find("header.from=ceo@strict.test", 1, true) ~= nil,
	    "if tagged at all, the A-R names header.from (" .. tostring(ar) .. ")")
	disconnect(conn)
end)
