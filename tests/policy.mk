# tests/: unit tests of policy/ (BR linter, log line) and its test certificates.
if HAVE_CHECK
POLICY_TESTS = tests/unit/check_br_rules tests/unit/check_logfmt
check_PROGRAMS += $(POLICY_TESTS)
TESTS += $(POLICY_TESTS)
tests_unit_check_br_rules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_br_rules_LDADD = $(UNIT_LDADD)
tests_unit_check_logfmt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_logfmt_LDADD = $(UNIT_LDADD)
endif
