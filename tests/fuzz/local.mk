# tests/fuzz/: libFuzzer harnesses, built only with
# ./configure CC=clang --enable-fuzzing; seed corpora, dictionaries and the
# smoke runner (tests/fuzz/smoke BUILD_DIR [SECONDS]).  See tests/fuzz/README.md.
FUZZ_HARNESSES = tests/fuzz/fuzz_mime tests/fuzz/fuzz_scan tests/fuzz/fuzz_cms \
	tests/fuzz/fuzz_conf tests/fuzz/fuzz_address tests/fuzz/fuzz_text \
	tests/fuzz/fuzz_cert
FUZZ_LIBS = policy/libpolicy.a conf/libconf.a smime/libsmime.a \
	$(LIBCONFIG_LIBS) $(OPENSSL_LIBS) -lpthread
FUZZ_LINKOPTS = $(AM_LDFLAGS) -fsanitize=fuzzer
FUZZ_COMMON = tests/fuzz/fuzz_common.c tests/fuzz/fuzz_common.h
# where fuzz_scan and fuzz_cms find tests/data/trust/root.pem ($srcdir wins)
FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TOP_SRCDIR='"$(abs_top_srcdir)"'

if ENABLE_FUZZING
noinst_PROGRAMS += $(FUZZ_HARNESSES)
endif
tests_fuzz_fuzz_mime_SOURCES = tests/fuzz/fuzz_mime.c $(FUZZ_COMMON)
tests_fuzz_fuzz_mime_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_mime_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_scan_SOURCES = tests/fuzz/fuzz_scan.c $(FUZZ_COMMON)
tests_fuzz_fuzz_scan_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_scan_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_scan_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_cms_SOURCES = tests/fuzz/fuzz_cms.c $(FUZZ_COMMON)
tests_fuzz_fuzz_cms_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_cms_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_cms_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_conf_SOURCES = tests/fuzz/fuzz_conf.c $(FUZZ_COMMON)
tests_fuzz_fuzz_conf_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_conf_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_address_SOURCES = tests/fuzz/fuzz_address.c $(FUZZ_COMMON)
tests_fuzz_fuzz_address_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_address_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c
tests_fuzz_fuzz_text_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_text_LDFLAGS = $(FUZZ_LINKOPTS)
tests_fuzz_fuzz_cert_SOURCES = tests/fuzz/fuzz_cert.c
tests_fuzz_fuzz_cert_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_cert_LDFLAGS = $(FUZZ_LINKOPTS)

# The harness sources are listed explicitly too: a tree configured without
# --enable-fuzzing must still put them in the tarball.
EXTRA_DIST += tests/fuzz/smoke tests/fuzz/README.md tests/fuzz/lsan.supp \
	tests/fuzz/corpus tests/fuzz/mime.dict tests/fuzz/conf.dict \
	tests/fuzz/fuzz_mime.c tests/fuzz/fuzz_scan.c tests/fuzz/fuzz_cms.c \
	tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_address.c tests/fuzz/fuzz_text.c \
	tests/fuzz/fuzz_cert.c $(FUZZ_COMMON)
