-- leadspc.lua: SMFIP_HDR_LEADSPC negotiated or not.  Offered (miltertest's
-- default), the milter takes it: the header values it gets keep their
-- leading space, and the values it adds must bring their own (" mt.test;
-- smime=..."; OpenDKIM once forgot it, "Authentication-Results:mx...").
-- Not offered: the values it adds start with the authserv-id.  Either
-- way a signed message verifies (the MIME parser sees the same fields),
-- header.from is right, and forged A-R fields are still recognised.
dofile(mtdir .. "/mtlib.lua")

-- miltertest's mt.negotiate takes the steps third, the actions fourth;
-- SMFI_CURR_PROT (0x1fffff) less SMFIP_HDR_LEADSPC (0x100000)
local STEPS_NO_LEADSPC = 0x0fffff
local ACTIONS = 0x1ff

local function one_mode(conn, label, leadspc)
	check(mt.test_option(conn, SMFIP_HDR_LEADSPC) == leadspc,
	    label .. ": SMFIP_HDR_LEADSPC " .. (leadspc and "taken" or "not taken"))
	local fields, body = load_message("rsa2048-detached.eml")
	local forged = { { AR, "mt.test; smime=pass" } }
	local r = send_message(conn, fields, body, { qid = "LEADSPC" .. label, extra = forged })
	check(r == SMFIR_CONTINUE, label .. ": continue")
	check_tags(conn, label, "pass", "pass", "header%.from=alice@example%.com")
	local ar, sp = added(conn, AR)
	local br, bsp = added(conn, BR)
	check(sp == leadspc and bsp == leadspc,
	    label .. ": added values " .. (leadspc and "start with a space" or "start without a space"))
	check(ar ~= nil and ar:sub(1, 1) ~= " " and br ~= nil and br:sub(1, 1) ~= " ",
	    label .. ": never two spaces")
	check(mt.eom_check(conn, MT_HDRDELETE, AR, 1), label .. ": forged A-R deleted")
	-- the opaque form too: its Content-Type parameters come from the header
	fields, body = load_message("rsa2048-opaque.eml")
	send_message(conn, fields, body, { qid = "LEADSPCO" .. label })
	check_tags(conn, label .. " opaque", "pass", "pass")
	-- a header folded with its first line empty ("Content-Type:\r\n\t...")
	local folded = {}
	for _, f in ipairs(load_message("rsa2048-detached.eml")) do
		if f[1] == "Content-Type" then
			folded[#folded + 1] = { f[1], "\r\n\t" .. f[2] }
		else
			folded[#folded + 1] = f
		end
	end
	fields, body = load_message("rsa2048-detached.eml")
	send_message(conn, folded, body, { qid = "LEADSPCF" .. label })
	check_tags(conn, label .. " folded Content-Type", "pass", "pass")
end

run("leadspc", function()
	local c1 = connect()
	one_mode(c1, "offered", true)
	disconnect(c1)
	local c2 = connect(STEPS_NO_LEADSPC, ACTIONS)
	one_mode(c2, "not offered", false)
	disconnect(c2)
end)
