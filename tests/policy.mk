# tests/: unit tests of policy/ and of the libmilter-free parts of milter/
if HAVE_CHECK
POLICY_TESTS = tests/unit/check_br_rules tests/unit/check_br_matrix tests/unit/check_br_gen \
	tests/unit/check_logfmt
check_PROGRAMS += $(POLICY_TESTS)
TESTS += $(POLICY_TESTS)
tests_unit_check_br_rules_SOURCES = tests/unit/check_br_rules.c tests/lintcmp.c tests/lintcmp.h
tests_unit_check_br_rules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_br_rules_LDADD = $(UNIT_LDADD)
# check_br_matrix: certificates made in C by tests/certgen.c (which bench-lint uses too)
tests_unit_check_br_matrix_SOURCES = tests/unit/check_br_matrix.c tests/certgen.c tests/certgen.h \
	tests/lintcmp.c tests/lintcmp.h tests/lintexpect.c tests/lintexpect.h tests/certgen_spec.h
tests_unit_check_br_matrix_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_br_matrix_LDADD = $(UNIT_LDADD)
# check_br_gen: the rules check_br_matrix does not reach, also on certgen's certificates
tests_unit_check_br_gen_SOURCES = tests/unit/check_br_gen.c tests/certgen.c tests/certgen.h \
	tests/lintcmp.c tests/lintcmp.h tests/lintexpect.c tests/lintexpect.h tests/certgen_spec.h
tests_unit_check_br_gen_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_br_gen_LDADD = $(UNIT_LDADD)
tests_unit_check_logfmt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_logfmt_LDADD = $(UNIT_LDADD)
endif

# milter/ pieces that do not need libmilter.
if HAVE_CHECK
MILTER_TESTS = tests/unit/check_hdr_ar tests/unit/check_msgctx
check_PROGRAMS += $(MILTER_TESTS)
TESTS += $(MILTER_TESTS)
tests_unit_check_hdr_ar_SOURCES = tests/unit/check_hdr_ar.c milter/hdr_ar.c milter/hdr_ar.h
tests_unit_check_hdr_ar_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_hdr_ar_LDADD = $(UNIT_LDADD)
endif
tests_unit_check_msgctx_SOURCES = tests/unit/check_msgctx.c milter/msgctx.c milter/msgctx.h \
	milter/hdr_ar.c milter/hdr_ar.h milter/cidr.c milter/cidr.h
tests_unit_check_msgctx_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_msgctx_LDADD = $(UNIT_LDADD)
