# tests/: Check unit tests, golden tests, hostile input, fuzz harnesses.
AM_TESTS_ENVIRONMENT = srcdir='$(abs_top_srcdir)'; export srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir;

TEST_LIBS = policy/libpolicy.a conf/libconf.a smime/libsmime.a \
	$(LIBCONFIG_LIBS) $(OPENSSL_LIBS) -lpthread
UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
UNIT_LDADD = $(TEST_LIBS) $(CHECK_LIBS)

if HAVE_CHECK
UNIT_TESTS = \
	tests/unit/check_mldsa \
	tests/unit/check_mime_stream \
	tests/unit/check_mime_header \
	tests/unit/check_mime_decode \
	tests/unit/check_conf \
	tests/unit/check_sanitize \
	tests/unit/check_address \
	tests/unit/check_digest \
	tests/unit/check_report \
	tests/unit/check_trust \
	tests/unit/check_scan \
	tests/unit/check_decide \
	tests/unit/check_rfc3339 \
	tests/unit/check_pqc \
	tests/unit/check_cms_attrs \
	tests/unit/check_chain_cache \
	tests/unit/check_cms_certs
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
tests_unit_check_mime_stream_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_mime_stream_LDADD = $(UNIT_LDADD)
tests_unit_check_mime_header_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_mime_header_LDADD = $(UNIT_LDADD)
tests_unit_check_mime_decode_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_mime_decode_LDADD = $(UNIT_LDADD)
tests_unit_check_mldsa_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_mldsa_LDADD = $(UNIT_LDADD)
tests_unit_check_conf_CFLAGS = $(UNIT_CFLAGS) $(LIBCONFIG_CFLAGS)
tests_unit_check_conf_LDADD = $(UNIT_LDADD)
tests_unit_check_sanitize_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_sanitize_LDADD = $(UNIT_LDADD)
tests_unit_check_address_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_address_LDADD = $(UNIT_LDADD)
tests_unit_check_digest_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_digest_LDADD = $(UNIT_LDADD)
tests_unit_check_report_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_report_LDADD = $(UNIT_LDADD)
tests_unit_check_cms_certs_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_cms_certs_LDADD = $(UNIT_LDADD)
tests_unit_check_chain_cache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_chain_cache_LDADD = $(UNIT_LDADD)
tests_unit_check_trust_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_trust_LDADD = $(UNIT_LDADD)
tests_unit_check_scan_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_scan_LDADD = $(UNIT_LDADD)
tests_unit_check_decide_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_decide_LDADD = $(UNIT_LDADD)
tests_unit_check_rfc3339_SOURCES = tests/unit/check_rfc3339.c \
	milter/rfc3339.c milter/rfc3339.h
tests_unit_check_rfc3339_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_rfc3339_LDADD = $(UNIT_LDADD)
tests_unit_check_pqc_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_pqc_LDADD = $(UNIT_LDADD)
tests_unit_check_cms_attrs_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_cms_attrs_LDADD = $(UNIT_LDADD)
endif

EXTRA_DIST += tests/data
# tests/pqc/check: the PQC fixtures of tests/data/pqc against their manifest
# (kept out of tests/data, whose build-tree logs would land in the tarball)
TESTS += tests/pqc/check
EXTRA_DIST += tests/pqc/check tests/pqc/check.py

include $(srcdir)/tests/golden/local.mk
include $(srcdir)/tests/hostile/local.mk
include $(srcdir)/tests/fuzz/local.mk
include $(srcdir)/tests/policy.mk
include $(srcdir)/tests/milter.mk
include $(srcdir)/tests/milter/local.mk
