-- tests/milter/mtlib.lua: helpers shared by the miltertest scripts (not a
-- test itself; tests/milter/protocol skips it).  Loaded with
--   dofile(mtdir .. "/mtlib.lua")
-- by scripts that tests/milter/protocol runs as
--   miltertest -D sock=SOCKET -D data=DIR -D mtdir=DIR -s SCRIPT
-- where SOCKET is the running smimilter's socket (unix:/path or
-- inet:PORT@127.0.0.1), data is tests/data and mtdir is tests/milter.  The
-- milter runs with the configuration the driver writes: AuthservID
-- "mt.test", the test trust anchor, recipient policies for reject.test,
-- tempfail.test and quarantine.test, a sender policy for strict.test,
-- MaximumMessageSize 1M, MaxHeaderBytes 128k, ExemptInternal off.
--
-- What miltertest (1.6.0, Debian 12) can and cannot do, learnt the hard way:
--   * mt.header() copies name and value into a 1024-byte stack buffer:
--     a field longer than ~1000 bytes smashes miltertest's stack.  Longer
--     fields go through the raw client in tests/milter/protocol.
--   * mt.header() and mt.bodystring() use strlen(): no NUL can be sent.
--   * A message with no body chunk cannot be sent: miltertest makes up a
--     dummy body, and an empty chunk makes libmilter hang up.
--   * The Lua error text is not printed: run() below prints it.
--   * mt.negotiate(conn, version, STEPS, ACTIONS): the code takes the
--     protocol steps third and the actions fourth (the manual says the
--     opposite).
--   * With SMFIP_HDR_LEADSPC negotiated, mt.header() puts the space
--     before the value itself: give values without it.
--   * mt.eom_check(conn, MT_HDRCHANGE, name, value, index) compares the
--     index with the value argument (a bug): use MT_HDRDELETE, name, index.
--   * The order of the end-of-message requests is not visible from Lua;
--     tests/milter/protocol checks the deletion order with its raw client.

AUTHSERV = "mt.test"
BR = "SMIME-BR-Compliance"
AR = "Authentication-Results"

local failures = 0
local checks = 0

function fail(msg)
	mt.echo("FAIL: " .. msg)
	error(msg, 2)
end

-- check(cond, desc): count and report one assertion; go on after a failure
-- so that one run shows every problem, and finish() makes it fatal.
function check(cond, desc)
	checks = checks + 1
	if cond then
		mt.echo("  ok - " .. desc)
	else
		failures = failures + 1
		mt.echo("  not ok - " .. desc)
	end
	return cond
end

-- run(name, fn): the script's body, with any Lua error printed (this
-- miltertest exits 1 without saying why), then the verdict.
function run(name, fn)
	local ok, err = xpcall(fn, debug.traceback)
	if not ok then
		mt.echo("ERROR: " .. tostring(err))
		error(name .. ": stopped by an error", 0)
	end
	finish(name)
end

function finish(name)
	if failures > 0 then
		fail(string.format("%s: %d of %d checks failed", name, failures, checks))
	end
	mt.echo(string.format("%s: all %d checks passed", name, checks))
end

-- A connection to the running milter, option negotiation done.  steps and
-- actions as the MTA offers them (nil: miltertest's defaults, which offer
-- everything, SMFIP_HDR_LEADSPC included).
function connect(steps, actions)
	mt.set_timeout(20)
	local c = mt.connect(sock, 50, 0.1)
	if c == nil then fail("mt.connect(" .. sock .. ")") end
	if steps ~= nil or actions ~= nil then
		local e = mt.negotiate(c, 6, steps, actions)
		if e ~= nil then fail("mt.negotiate: " .. tostring(e)) end
	end
	return c
end

-- Run one protocol step that must be answered with SMFIR_CONTINUE.
function step(conn, name, fn, ...)
	local e = fn(conn, ...)
	if e ~= nil then fail(name .. ": " .. tostring(e)) end
	local r = mt.getreply(conn)
	if r ~= SMFIR_CONTINUE then
		fail(name .. ": reply " .. reply_name(r) .. ", expected continue")
	end
end

function reply_name(r)
	local names = {
		[SMFIR_CONTINUE] = "continue", [SMFIR_ACCEPT] = "accept",
		[SMFIR_REJECT] = "reject", [SMFIR_TEMPFAIL] = "tempfail",
		[SMFIR_DISCARD] = "discard", [SMFIR_REPLYCODE] = "replycode",
	}
	if r == nil then return "nil" end
	return names[r] or string.format("'%s' (%d)", string.char(math.floor(r)), math.floor(r))
end

-- The file's bytes.
function slurp(path)
	local f = io.open(path, "rb")
	if f == nil then fail("cannot read " .. path) end
	local s = f:read("a")
	f:close()
	return s
end

-- A message (CRLF or LF line ends) as header fields and body, the way an
-- MTA hands them to a milter: each field as {name, value} with the value
-- after the colon, its leading white space removed (miltertest adds the
-- space back when SMFIP_HDR_LEADSPC is negotiated), folded lines kept with
-- their line ends; the body as it is, after the empty line.
function split_message(text)
	local eol = text:find("\r\n", 1, true) and "\r\n" or "\n"
	local hend = text:find(eol .. eol, 1, true)
	local head, body
	if hend == nil then
		head, body = text, ""
	else
		head = text:sub(1, hend - 1 + #eol)
		body = text:sub(hend + 2 * #eol)
	end
	local fields = {}
	local pos = 1
	while pos <= #head do
		local e = head:find(eol, pos, true) or (#head + 1)
		local line = head:sub(pos, e - 1)
		if line:match("^[ \t]") and #fields > 0 then
			local f = fields[#fields]
			f[2] = f[2] .. eol .. line
		elseif #line > 0 then
			local name, value = line:match("^([^:]+):[ \t]*(.*)$")
			if name == nil then fail("not a header field: " .. line) end
			fields[#fields + 1] = { name, value }
		end
		pos = e + #eol
	end
	return fields, body
end

function load_message(name)
	return split_message(slurp(data .. "/msg/" .. name))
end

-- Send a whole message on conn: envelope, header fields, body in chunks
-- of `chunk` bytes (default 16384), end of message.  opts: from, rcpts
-- (list), qid (the {i} macro), extra (fields put on top), chunk.
-- Returns the reply to the end of message.
function send_message(conn, fields, body, opts)
	opts = opts or {}
	if not sent_conninfo[conn] then
		step(conn, "conninfo", mt.conninfo, "client.example.net", opts.ip or "192.0.2.10")
		sent_conninfo[conn] = true
	end
	if opts.qid ~= nil then
		mt.macro(conn, SMFIC_MAIL, "i", opts.qid)
	end
	step(conn, "mailfrom", mt.mailfrom, opts.from or "<alice@example.com>")
	for _, r in ipairs(opts.rcpts or { "<bob@example.org>" }) do
		step(conn, "rcptto " .. r, mt.rcptto, r)
	end
	for _, f in ipairs(opts.extra or {}) do
		step(conn, "header " .. f[1], mt.header, f[1], f[2])
	end
	for _, f in ipairs(fields) do
		step(conn, "header " .. f[1], mt.header, f[1], f[2])
	end
	step(conn, "eoh", mt.eoh)
	local chunk = opts.chunk or 16384
	for i = 1, #body, chunk do
		local e = mt.bodystring(conn, body:sub(i, i + chunk - 1))
		if e ~= nil then fail("bodystring: " .. tostring(e)) end
		local r = mt.getreply(conn)
		if r ~= SMFIR_CONTINUE then
			fail("body chunk at " .. i .. ": reply " .. reply_name(r))
		end
	end
	local e = mt.eom(conn)
	if e ~= nil then fail("eom: " .. tostring(e)) end
	return mt.getreply(conn)
end
sent_conninfo = {}

function disconnect(conn)
	sent_conninfo[conn] = nil
	mt.disconnect(conn)
end

-- The value of the header we inserted (nil if none), without the leading
-- space SMFIP_HDR_LEADSPC asks for, and whether that space was there.
function added(conn, name)
	local v = mt.getheader(conn, name, 0)
	if v == nil then return nil, false end
	if v:sub(1, 1) == " " then return v:sub(2), true end
	return v, false
end

-- Check the two headers of a tagged message: our A-R with smime=RESULT
-- (and, when given, a pattern it must match) and the BR header starting
-- with BRRESULT.
function check_tags(conn, label, result, brresult, pattern)
	local ar = added(conn, AR)
	local br = added(conn, BR)
	check(mt.eom_check(conn, MT_HDRINSERT, AR), label .. ": A-R inserted")
	local want = AUTHSERV .. "; smime=" .. result
	check(ar ~= nil and ar:sub(1, #want) == want and
	    (ar:sub(#want + 1, #want + 1)):match("^[ \n]?$") ~= nil,
	    label .. ": A-R says smime=" .. result .. " (" .. tostring(ar) .. ")")
	if pattern ~= nil then
		check(ar ~= nil and ar:find(pattern) ~= nil,
		    label .. ": A-R matches " .. pattern)
	end
	check(br ~= nil and br:find(brresult, 1, true) == 1,
	    label .. ": " .. BR .. " starts with " .. brresult .. " (" .. tostring(br) .. ")")
	return ar, br
end
