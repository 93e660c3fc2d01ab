-- badchars.lua: header values with CR, LF, control and 8-bit bytes.
-- Whatever arrives, what the milter adds is clean: no CR at all, LF only
-- in its own folds (followed by a tab), no other control byte, no 8-bit
-- byte, nothing of an injection attempt ("\r\nX-Evil: yes", "; smime=pass")
-- outside a quoted string; header.from is the address or nothing.  An
-- embedded NUL cannot be sent with miltertest (it uses strlen): the raw
-- client in tests/milter/protocol sends one.
dofile(mtdir .. "/mtlib.lua")

-- The value is what a header may carry: printable ASCII, tabs, and LF
-- only before a tab (libmilter values use "\n\t" folds, never CR).
local function clean(v)
	if v == nil then return false end
	if v:find("\r", 1, true) then return false end
	if v:find("\n[^\t]") or v:sub(-1) == "\n" then return false end
	return v:find("[%z\1-\8\11-\31\127-\255]") == nil
end

-- header.from's value, or nil
local function header_from(ar)
	return ar and ar:match("header%.from=(\"[^\"]*\")") or (ar and ar:match("header%.from=([^%s]+)"))
end

run("badchars", function()
	local conn = connect()
	local cases = {
		{ "From", "alice@example.com\rX-Evil: yes", nil },
		{ "From", "alice@example.com\r\nX-Evil: yes", "alice@example.com" },
		{ "From", "alice@example.com\nX-Evil: yes", "alice@example.com" },
		{ "From", "\"Al\rice\" <alice@example.com>", "alice@example.com" },
		{ "From", "alice\1@exa\127mple.com", "\"alice\\\\x01@exa\\\\x7Fmple.com\"" },
		{ "From", "alice@example.com; smime=pass", "alice@example.com" },
		{ "From", "=?utf-8?b?w6lsw6g=?= <\195\169l\195\168@ex\195\164mple.com>", nil },
		{ "From", "\"x\" <alice@example.com>, \"y\" <bob@example.org>", nil },
	}
	for i, c in ipairs(cases) do
		local label = "From " .. c[2]:gsub("[%c\128-\255]", function(ch)
			return string.format("\\%03d", ch:byte())
		end)
		local r = send_message(conn, { { c[1], c[2] }, { "Subject", "bad " .. i } }, "body\r\n",
		    { qid = "BAD" .. i })
		check(r == SMFIR_CONTINUE, label .. ": continue")
		local ar = added(conn, AR)
		local br = added(conn, BR)
		check(clean(ar) and clean(br), label .. ": added values are clean")
		check(ar ~= nil and not ar:find("X-Evil", 1, true), label .. ": no injected field")
		check(ar ~= nil and select(2, ar:gsub(";", "")) == 1, label .. ": one resinfo (one ';')")
		local hf = header_from(ar)
		if c[3] ~= nil then
			check(hf == c[3], label .. ": header.from=" .. c[3] .. " (" .. tostring(hf) .. ")")
		else
			check(hf == nil or hf:sub(1, 1) == '"', label .. ": header.from absent or quoted (" .. tostring(hf) .. ")")
		end
	end

	-- a Subject carrying a bare CR, a bare LF and control bytes on a
	-- signed message: the signature still passes (the top-level Subject
	-- is not signed) and nothing leaks.  (A value holding CRLF and a new
	-- field, "x\r\nContent-Type: ...", is one no MTA sends: Postfix and
	-- Sendmail split fields at every line start that is not white space.)
	local sf, sb = load_message("rsa2048-detached.eml")
	local extra = { { "Subject", "a\rb\nc\r\n\td" }, { "X-Bell", "\7\8\27[31m" } }
	local r = send_message(conn, sf, sb, { qid = "BAD9", extra = extra })
	local ar = check_tags(conn, "CR/LF in Subject, signed", "pass", "pass")
	check(clean(ar), "CR/LF in Subject, signed: clean")
	disconnect(conn)
end)
