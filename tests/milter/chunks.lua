-- chunks.lua: the body in tiny pieces.  Signed messages fed one byte per
-- body chunk (mt.bodystring in a loop: thousands of chunks, every CRLF,
-- boundary and base64 line split) verify exactly as in one piece: the
-- detached and the opaque form, an LF-only copy, a tampered one (still
-- fail), and odd chunk sizes (3, 7, 64, 1000 bytes) that cut base64 quads
-- and boundaries in other places.
dofile(mtdir .. "/mtlib.lua")

run("chunks", function()
	local conn = connect()
	local cases = {
		{ "rsa2048-detached.eml", 1, "pass" },
		{ "rsa2048-opaque.eml", 1, "pass" },
		{ "rsa2048-detached-lf.eml", 1, "pass" },
		{ "tampered-detached.eml", 1, "fail" },
		{ "ec-p256-opaque.eml", 3, "pass" },
		{ "nested-signed-in-mixed.eml", 7, "pass" },
		{ "ed25519-detached.eml", 64, "pass" },
		{ "two-signers.eml", 1000, "pass" },
	}
	for i, c in ipairs(cases) do
		local fields, body = load_message(c[1])
		local label = string.format("%s in %d-byte chunks (%d chunks)", c[1], c[2], (#body + c[2] - 1) // c[2])
		local r = send_message(conn, fields, body, { qid = "CHUNK" .. i, chunk = c[2] })
		check(r == SMFIR_CONTINUE, label .. ": continue")
		check_tags(conn, label, c[3], "pass")
	end
	disconnect(conn)
end)
