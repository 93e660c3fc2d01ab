# tests/golden: `smimecheck --json` over test messages, compared with the
# expected output; see tests/golden/README.  The runner finds the program
# through $top_builddir and the cases through $srcdir (AM_TESTS_ENVIRONMENT
# in tests/local.mk).  cases.mk, written by mkcases, lists every case file.
include $(srcdir)/tests/golden/cases.mk

TESTS += tests/golden/run
EXTRA_DIST += tests/golden/run tests/golden/mkcases tests/golden/README \
	tests/golden/CASES.tsv tests/golden/.gitattributes $(GOLDEN_CASE_FILES)
