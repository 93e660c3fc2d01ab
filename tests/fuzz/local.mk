# tests/fuzz/: libFuzzer harnesses (./configure CC=clang --enable-fuzzing),
# seed corpora, and the smoke runner scripts/test calls.
FUZZ_HARNESSES = tests/fuzz/fuzz_mime tests/fuzz/fuzz_scan tests/fuzz/fuzz_cms \
	tests/fuzz/fuzz_conf tests/fuzz/fuzz_text tests/fuzz/fuzz_cert
FUZZ_LIBS = policy/libpolicy.a conf/libconf.a smime/libsmime.a \
	$(LIBCONFIG_LIBS) $(OPENSSL_LIBS) -lpthread
FUZZ_LINKOPTS = $(AM_LDFLAGS) -fsanitize=fuzzer

FUZZ_COMMON = tests/fuzz/fuzz_common.c tests/fuzz/fuzz_common.h

if ENABLE_FUZZING
noinst_PROGRAMS += $(FUZZ_HARNESSES)
tests_fuzz_fuzz_mime_SOURCES = tests/fuzz/fuzz_mime.c $(FUZZ_COMMON)
tests_fuzz_fuzz_mime_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_mime_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_scan_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_scan_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_cms_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_cms_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_conf_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_conf_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_text_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_text_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_cert_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_cert_LDFLAGS = $(FUZZ_LINKOPTS)
endif

EXTRA_DIST += tests/fuzz/smoke tests/fuzz/README.md tests/fuzz/corpus tests/fuzz/lsan.supp \
	tests/fuzz/fuzz_mime.c tests/fuzz/fuzz_scan.c tests/fuzz/fuzz_cms.c \
	tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_text.c tests/fuzz/fuzz_cert.c \
	$(FUZZ_COMMON)
