# policy/: pure decisions over verification records.
noinst_LIBRARIES += policy/libpolicy.a
policy_libpolicy_a_SOURCES = \
	policy/decide.c policy/decide.h
