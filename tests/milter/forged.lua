-- forged.lua: incoming copies of our own headers.  Every
-- Authentication-Results whose authserv-id is ours (in any case, after a
-- comment, quoted, or alone) and every BR compliance header is deleted:
-- MT_HDRCHANGE to an empty value, with its index among the fields of that
-- name (1-based, as received); the others (another authserv-id, one that
-- only starts like ours) are kept.  miltertest cannot show the order of
-- the deletions: tests/milter/protocol's raw client checks that they come
-- highest index first, before our insertions.
dofile(mtdir .. "/mtlib.lua")

run("forged", function()
	local top = {
		{ AR, "mt.test; smime=pass body.smime-identifier=ceo@example.com" },	-- A-R 1: ours
		{ AR, "other.example; dkim=pass header.d=example.com" },		-- A-R 2: keep
		{ BR, "pass; type=mailbox; generation=strict" },			-- BR 1
		{ AR, "MT.TEST; smime=pass" },						-- A-R 3: ours
		{ AR, "(looks harmless) mt.test; smime=pass" },				-- A-R 4: ours
		{ AR, "mt.test.example; smime=pass" },					-- A-R 5: keep
		{ AR, "mt.test" },							-- A-R 6: ours
		{ AR, "i=1; mt.test; smime=pass" },					-- A-R 7: keep (ARC-style, not an A-R of ours)
		{ BR, "fail" },								-- BR 2
	}
	local function check_deletions(conn, label)
		for _, i in ipairs({ 1, 3, 4, 6 }) do
			check(mt.eom_check(conn, MT_HDRDELETE, AR, i), label .. ": A-R " .. i .. " (ours) deleted")
		end
		for _, i in ipairs({ 2, 5, 7 }) do
			check(not mt.eom_check(conn, MT_HDRDELETE, AR, i), label .. ": A-R " .. i .. " (not ours) kept")
		end
		for _, i in ipairs({ 1, 2 }) do
			check(mt.eom_check(conn, MT_HDRDELETE, BR, i), label .. ": BR header " .. i .. " deleted")
		end
		check(not mt.eom_check(conn, MT_HDRDELETE, AR, 8) and not mt.eom_check(conn, MT_HDRDELETE, BR, 3),
		    label .. ": no index beyond the last")
		check(mt.eom_check(conn, MT_HDRCHANGE, AR, ""), label .. ": deletion = change to an empty value")
		check(not mt.eom_check(conn, MT_HDRDELETE, "Subject") and not mt.eom_check(conn, MT_HDRDELETE, "From"),
		    label .. ": no other field touched")
	end

	local conn = connect()
	-- 1. unsigned: forgeries deleted, our A-R says none
	local uf, ub = load_message("unsigned-plain.eml")
	local r = send_message(conn, uf, ub, { qid = "FORGED1", extra = top })
	check(r == SMFIR_CONTINUE, "unsigned: continue")
	check_deletions(conn, "unsigned")
	check_tags(conn, "unsigned", "none", "none")

	-- 2. tampered: the forgery said pass, ours says fail
	local tf, tb = load_message("tampered-detached.eml")
	r = send_message(conn, tf, tb, { qid = "FORGED2", extra = top })
	check_deletions(conn, "tampered")
	check_tags(conn, "tampered", "fail", "pass")

	-- 3. the forged fields below the message's own (indexes count all
	-- fields of the name wherever they are)
	local mixed = {}
	for _, f in ipairs(uf) do mixed[#mixed + 1] = f end
	mixed[#mixed + 1] = { AR, "other.example; spf=pass" }	-- A-R 1: keep
	mixed[#mixed + 1] = { AR, "mt.test; smime=pass" }		-- A-R 2: ours
	r = send_message(conn, mixed, ub, { qid = "FORGED3" })
	check(mt.eom_check(conn, MT_HDRDELETE, AR, 2), "at the bottom: A-R 2 deleted")
	check(not mt.eom_check(conn, MT_HDRDELETE, AR, 1), "at the bottom: A-R 1 kept")
	check(not mt.eom_check(conn, MT_HDRDELETE, BR), "at the bottom: no BR deletion")

	-- 4. a rejected message (to reject.test) still has nothing added
	r = send_message(conn, uf, ub, { qid = "FORGED4", extra = top, rcpts = { "<x@reject.test>" } })
	check(r == SMFIR_REPLYCODE, "rejected: reply code")
	check(not mt.eom_check(conn, MT_HDRINSERT), "rejected: nothing inserted")

	-- 5. and the next message without forgeries gets no deletion
	r = send_message(conn, uf, ub, { qid = "FORGED5" })
	check(not mt.eom_check(conn, MT_HDRDELETE), "clean message: nothing deleted")
	disconnect(conn)
end)
