--
-- quarantine-unoffered.lua: the quarantine action when the MTA cannot
-- quarantine.  The milter asks for SMFIF_QUARANTINE only if offered (it is
-- in "want", not "need", in cb_negotiate()), so it accepts such an MTA:
-- Postfix with milter_protocol = 2 offers no quarantine.  A message that
-- the policy sends to quarantine is then delivered tagged (the A-R says
-- smime=fail) with a warning in the log, never tempfailed as an internal
-- error (which would repeat at every retry until the MTA bounced it).
dofile(mtdir .. "/mtlib.lua")

run("quarantine-unoffered", function()
	-- every action but SMFIF_QUARANTINE (0x20); steps: miltertest's default
	local conn = connect(nil, 0x1ff - 0x20)
	check(not mt.test_action(conn, SMFIF_QUARANTINE), "quarantine not negotiated")
	local tf, tb = load_message("tampered-detached.eml")
	local r = send_message(conn, tf, tb, { qid = "QUARNO1", rcpts = { "<x@quarantine.test>" } })
	check(r == SMFIR_CONTINUE, "tampered to quarantine.test: accepted (" .. reply_name(r) .. ")")
	check(not mt.eom_check(conn, MT_SMTPREPLY, "451", "4.7.0", "S/MIME check failed temporarily, try again later"),
	    "not tempfailed as an internal error")
	check_tags(conn, "tagged instead", "fail", "pass")
	disconnect(conn)
end)
