-- multi.lua: several messages on one connection, each with its own
-- verdict, and each one's headers checked: the A-R value (smime=none,
-- pass, fail, permerror, policy, and pass with a private CA) and the BR
-- header (none, pass with type and generation, fail; a tampered message
-- still has a BR-compliant certificate: br pass).
-- Queue ids MULTI1..MULTI7 go in with the MAIL macros; the driver checks
-- the log has one line for each, with the right result.
dofile(mtdir .. "/mtlib.lua")

run("multi", function()
	local cases = {
		{ "unsigned-plain.eml", "none", "none; reason=unsigned", "header%.from=alice@example%.com" },
		{ "rsa2048-detached.eml", "pass", "pass; type=mailbox; generation=strict",
		  "body%.smime%-identifier=alice@example%.com" },
		{ "tampered-detached.eml", "fail", "pass; type=mailbox", "reason=digest_mismatch" },
		{ "truncated.eml", "permerror", "none", "reason=malformed_mime" },
		{ "bad-eku.eml", "policy", "fail; type=", "reason=bad_purpose", "findings=e_eku_" },
		{ "private-ca-signer.eml", "pass", "none", nil },
		{ "ed25519-opaque.eml", "pass", "pass", nil },
	}

	local conn = connect()
	for i, c in ipairs(cases) do
		local fields, body = load_message(c[1])
		local r = send_message(conn, fields, body, { qid = "MULTI" .. i })
		local label = string.format("message %d (%s)", i, c[1])
		check(r == SMFIR_CONTINUE, label .. ": continue (" .. reply_name(r) .. ")")
		local _, br = check_tags(conn, label, c[2], c[3], c[4])
		if c[5] ~= nil then
			check(br ~= nil and br:find(c[5], 1, true) ~= nil, label .. ": BR header names " .. c[5])
		end
		-- exactly one A-R and one BR header each, nothing deleted
		check(mt.getheader(conn, AR, 1) == nil, label .. ": one A-R only")
		check(mt.getheader(conn, BR, 1) == nil, label .. ": one BR header only")
		check(not mt.eom_check(conn, MT_HDRDELETE), label .. ": nothing deleted")
		-- the headers go to the top (index 0), not appended
		check(mt.eom_check(conn, MT_HDRINSERT, AR) and not mt.eom_check(conn, MT_HDRADD),
		    label .. ": inserted, not appended")
	end
	disconnect(conn)
end)
