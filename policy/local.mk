# policy/: pure decisions over verification records: BR linting, verdict, action.
noinst_LIBRARIES += policy/libpolicy.a
policy_libpolicy_a_SOURCES = \
	policy/decide.c policy/decide.h \
	policy/verdict.c policy/verdict.h \
	policy/logfmt.c policy/logfmt.h \
	policy/br_profile.c policy/br_profile.h \
	policy/br_rules.c policy/br_rules.h \
	policy/br_util.c policy/br_util.h \
	policy/br_7_1.c \
	policy/br_7_1_2_3.c policy/br_7_1_2_3_ku.c policy/br_7_1_2_3_ext.c \
	policy/br_7_1_2_ca.c \
	policy/br_7_1_3.c policy/br_7_1_3_rsa.c \
	policy/br_7_1_4.c policy/br_7_1_4.h \
	policy/br_7_1_4_util.c policy/br_7_1_4_subject.c policy/br_7_1_4_orgid.c \
	policy/br_7_1_6.c \
	policy/br_bag.c
