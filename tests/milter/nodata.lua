--
-- nodata.lua: the milter must not ask the MTA to skip the DATA event.
-- With SMFIP_NODATA, Postfix's milter8_event() still sends the DATA-stage
-- macros, in a packet of their own that needs no answer; the milter's
-- kernel delays the ACK, and Nagle's algorithm holds Postfix's next small
-- write (the first header field) until it comes: ~40 ms per message over
-- an inet socket, whatever TCP_NODELAY the milter sets on its own side.
-- bench/run-postfix measured it (latency: inet ~48 ms/message with
-- SMFIP_NODATA, 4.3 ms without).  Answering the DATA event costs one round
-- trip, whose reply carries the ACK.  This script checks that the milter
-- does not negotiate SMFIP_NODATA and that the DATA event is answered.
dofile(mtdir .. "/mtlib.lua")

run("nodata", function()
	local conn = connect()
	check(not mt.test_option(conn, SMFIP_NODATA), "SMFIP_NODATA not negotiated")
	-- the milter wants the events it uses, and skips HELO and unknown
	check(not mt.test_option(conn, SMFIP_NOCONNECT) and not mt.test_option(conn, SMFIP_NOMAIL)
	    and not mt.test_option(conn, SMFIP_NORCPT) and not mt.test_option(conn, SMFIP_NOHDRS)
	    and not mt.test_option(conn, SMFIP_NOEOH) and not mt.test_option(conn, SMFIP_NOBODY),
	    "connect, envelope, headers, end of header and body are wanted")
	if not mt.test_option(conn, SMFIP_NODATA) then
		step(conn, "conninfo", mt.conninfo, "client.example.net", "192.0.2.10")
		step(conn, "mailfrom", mt.mailfrom, "<alice@example.com>")
		step(conn, "rcptto", mt.rcptto, "<bob@example.org>")
		step(conn, "data", mt.data)
		check(true, "DATA answered with continue")
	end
	disconnect(conn)
end)
