# tests/milter/local.mk: milter protocol edge cases with miltertest (no
# MTA, no root; skipped without miltertest).  Included from tests/local.mk.
# tests/milter/protocol starts smimilter and runs every *.lua script here
# but mtlib.lua (the helpers they share), over a UNIX and an inet socket.
TESTS += tests/milter/protocol
EXTRA_DIST += tests/milter/protocol \
	tests/milter/mtlib.lua \
	tests/milter/abort.lua \
	tests/milter/badchars.lua \
	tests/milter/chunks.lua \
	tests/milter/forged.lua \
	tests/milter/headers.lua \
	tests/milter/leadspc.lua \
	tests/milter/maxsize.lua \
	tests/milter/multi.lua \
	tests/milter/nodata.lua \
	tests/milter/nobody.lua \
	tests/milter/quarantine.lua \
	tests/milter/quarantine-unoffered.lua \
	tests/milter/rcpts.lua \
	tests/milter/replies.lua \
	tests/milter/sizepolicy.lua
