# tests/: the BR linter's unit tests and test certificates (issue 3).
if HAVE_CHECK
BR_TESTS = tests/unit/check_br_rules
check_PROGRAMS += $(BR_TESTS)
TESTS += $(BR_TESTS)
tests_unit_check_br_rules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_br_rules_LDADD = $(UNIT_LDADD)
endif
