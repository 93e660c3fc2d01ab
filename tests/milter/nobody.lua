-- nobody.lua: messages with (next to) no body.  miltertest cannot send a
-- message without any body chunk: it makes up a dummy body when the
-- script sends none, and an empty chunk (mt.bodystring(conn, "")) makes
-- libmilter drop the connection.  So the body here is the smallest there
-- is, one empty line; tests/milter/protocol's raw client sends the end of
-- message right after the end of header (scenario "nobody").
dofile(mtdir .. "/mtlib.lua")

run("nobody", function()
	local conn = connect()

	-- 1. an unsigned message, body one empty line: tagged smime=none.
	local r = send_message(conn, { { "From", "Alice <alice@example.com>" }, { "Subject", "no body" } },
	    "\r\n", { qid = "NOBODY1" })
	check(r == SMFIR_CONTINUE, "unsigned, empty body: continue")
	check_tags(conn, "unsigned, empty body", "none", "none", "header%.from=alice@example%.com")

	-- 2. the header of a signed message (multipart/signed), empty body: the
	-- MIME structure is broken, a permerror, not a crash and not a pass.
	local fields = load_message("rsa2048-detached.eml")
	r = send_message(conn, fields, "\r\n", { qid = "NOBODY2" })
	check(r == SMFIR_CONTINUE, "multipart/signed header, empty body: continue")
	check_tags(conn, "multipart/signed header, empty body", "permerror", "none")

	-- 3. the same for an opaque signed message (application/pkcs7-mime).
	fields = load_message("rsa2048-opaque.eml")
	r = send_message(conn, fields, "\r\n", { qid = "NOBODY3" })
	check(r == SMFIR_CONTINUE, "pkcs7-mime header, empty body: continue")
	check_tags(conn, "pkcs7-mime header, empty body", "permerror", "none")

	-- 4. no header field of our own (miltertest then fills in one, From:
	-- <sender@example.com>) and an empty body.
	r = send_message(conn, {}, "\r\n", { qid = "NOBODY4" })
	check(r == SMFIR_CONTINUE, "no header, empty body: continue")
	check_tags(conn, "no header, empty body", "none", "none", "header%.from=sender@example%.com")

	disconnect(conn)
end)
