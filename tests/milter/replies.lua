-- replies.lua: reject and tempfail.  The end of message is answered with
-- a reply code (SMFIR_REPLYCODE, what libmilter sends for SMFIS_REJECT or
-- SMFIS_TEMPFAIL after smfi_setreply): 550 5.7.1 for a reject, 451 4.7.1
-- for a tempfail, each with the short fixed text of its class, and
-- nothing added to a message that is not accepted.  The most severe
-- recipient wins (reject over tempfail over quarantine), a compliant
-- message passes the same policy, and the connection goes on after each.
dofile(mtdir .. "/mtlib.lua")

local function expect_reply(conn, r, label, code, xcode, text)
	check(r == SMFIR_REPLYCODE, label .. ": reply code (" .. reply_name(r) .. ")")
	check(mt.eom_check(conn, MT_SMTPREPLY, code, xcode, text),
	    label .. ": " .. code .. " " .. xcode .. " " .. text)
	check(not mt.eom_check(conn, MT_HDRINSERT) and not mt.eom_check(conn, MT_HDRADD),
	    label .. ": no header added")
	check(not mt.eom_check(conn, MT_QUARANTINE), label .. ": not quarantined")
end

run("replies", function()
	local conn = connect()
	local tf, tb = load_message("tampered-detached.eml")
	local uf, ub = load_message("unsigned-plain.eml")
	local sf, sb = load_message("rsa2048-detached.eml")
	local pf, pb = load_message("truncated.eml")

	local r = send_message(conn, tf, tb, { qid = "REPLY1", rcpts = { "<x@reject.test>" } })
	expect_reply(conn, r, "tampered to reject.test", "550", "5.7.1", "S/MIME policy: signature does not verify")

	r = send_message(conn, uf, ub, { qid = "REPLY2", rcpts = { "<x@reject.test>" } })
	expect_reply(conn, r, "unsigned to reject.test", "550", "5.7.1", "S/MIME policy: message must be signed")

	r = send_message(conn, sf, sb, { qid = "REPLY3", rcpts = { "<x@reject.test>" } })
	check(r == SMFIR_CONTINUE, "compliant to reject.test: continue (" .. reply_name(r) .. ")")
	check_tags(conn, "compliant to reject.test", "pass", "pass")

	r = send_message(conn, tf, tb, { qid = "REPLY4", rcpts = { "<x@tempfail.test>" } })
	expect_reply(conn, r, "tampered to tempfail.test", "451", "4.7.1", "S/MIME policy: signature does not verify")

	-- tempfail.test has no rule for unsigned mail: tagged
	r = send_message(conn, uf, ub, { qid = "REPLY5", rcpts = { "<x@tempfail.test>" } })
	check(r == SMFIR_CONTINUE, "unsigned to tempfail.test: continue")
	check_tags(conn, "unsigned to tempfail.test", "none", "none")

	-- several policy domains: the most severe action wins, in any order
	r = send_message(conn, tf, tb, { qid = "REPLY6",
	    rcpts = { "<a@quarantine.test>", "<b@tempfail.test>", "<c@reject.test>", "<d@example.org>" } })
	expect_reply(conn, r, "quarantine+tempfail+reject", "550", "5.7.1", "S/MIME policy: signature does not verify")
	r = send_message(conn, tf, tb, { qid = "REPLY7", rcpts = { "<b@tempfail.test>", "<a@quarantine.test>" } })
	expect_reply(conn, r, "tempfail+quarantine", "451", "4.7.1", "S/MIME policy: signature does not verify")

	-- a permerror is not a fail: reject.test has no rule for it
	r = send_message(conn, pf, pb, { qid = "REPLY8", rcpts = { "<x@reject.test>" } })
	check(r == SMFIR_CONTINUE, "malformed to reject.test: continue (OnPermerror is tag)")
	check_tags(conn, "malformed to reject.test", "permerror", "none")

	-- recipient domains match without regard to case, and subdomains of a
	-- plain Domain do not match
	r = send_message(conn, tf, tb, { qid = "REPLY9", rcpts = { "<X@Reject.TEST>" } })
	expect_reply(conn, r, "tampered to Reject.TEST", "550", "5.7.1", "S/MIME policy: signature does not verify")
	r = send_message(conn, tf, tb, { qid = "REPLY10", rcpts = { "<x@sub.reject.test>" } })
	check(r == SMFIR_CONTINUE, "tampered to sub.reject.test: continue (not that domain)")
	disconnect(conn)
end)
