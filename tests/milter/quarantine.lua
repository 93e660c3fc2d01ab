-- quarantine.lua: the quarantine action.  The message is accepted
-- (continue), tagged as usual, and the milter asks for the quarantine
-- (MT_QUARANTINE; Postfix puts the message in its hold queue) with the
-- fixed text of its class as the reason.  A compliant message to the same
-- domain is not held, and a more severe recipient policy wins over it.
dofile(mtdir .. "/mtlib.lua")

run("quarantine", function()
	local conn = connect()
	check(mt.test_action(conn, SMFIF_QUARANTINE), "the milter asks for SMFIF_QUARANTINE")
	local tf, tb = load_message("tampered-detached.eml")
	local sf, sb = load_message("rsa2048-detached.eml")

	local r = send_message(conn, tf, tb, { qid = "QUAR1", rcpts = { "<x@quarantine.test>" } })
	check(r == SMFIR_CONTINUE, "tampered to quarantine.test: continue (" .. reply_name(r) .. ")")
	check(mt.eom_check(conn, MT_QUARANTINE), "quarantine requested")
	check(mt.eom_check(conn, MT_QUARANTINE, "S/MIME policy: signature does not verify"),
	    "reason: S/MIME policy: signature does not verify")
	check_tags(conn, "quarantined", "fail", "pass")

	r = send_message(conn, sf, sb, { qid = "QUAR2", rcpts = { "<x@quarantine.test>" } })
	check(r == SMFIR_CONTINUE, "compliant to quarantine.test: continue")
	check(not mt.eom_check(conn, MT_QUARANTINE), "compliant: not quarantined")
	check_tags(conn, "compliant", "pass", "pass")

	r = send_message(conn, tf, tb, { qid = "QUAR3", rcpts = { "<x@quarantine.test>", "<y@reject.test>" } })
	check(r == SMFIR_REPLYCODE, "quarantine and reject: reject wins")
	check(not mt.eom_check(conn, MT_QUARANTINE), "quarantine and reject: not quarantined")

	-- without SMFIF_QUARANTINE offered the milter still works (it only
	-- wants quarantine); a message that should be held is then ...
	disconnect(conn)
end)
