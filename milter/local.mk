# milter/: the front-ends (smimecheck now; smimilter with the milter issue).
bin_PROGRAMS += milter/smimecheck
milter_smimecheck_SOURCES = \
	milter/smimecheck.c \
	milter/check_out.c milter/check_out.h \
	milter/check_br.c milter/check_br.h \
	milter/jsonw.c milter/jsonw.h \
	milter/hdr_ar.c milter/hdr_ar.h \
	milter/msgctx.c milter/msgctx.h \
	milter/runtime.c milter/runtime.h \
	milter/cidr.c milter/cidr.h \
	milter/rfc3339.c milter/rfc3339.h
milter_smimecheck_LDADD = policy/libpolicy.a conf/libconf.a smime/libsmime.a \
	$(LIBCONFIG_LIBS) $(OPENSSL_LIBS) -lpthread

sbin_PROGRAMS += milter/smimilter
milter_smimilter_SOURCES = \
	milter/smimilter.c \
	milter/callbacks.c milter/callbacks.h \
	milter/runtime.c milter/runtime.h \
	milter/log.c milter/log.h \
	milter/cidr.c milter/cidr.h \
	milter/msgctx.c milter/msgctx.h \
	milter/hdr_ar.c milter/hdr_ar.h
milter_smimilter_CFLAGS = $(AM_CFLAGS) $(MILTER_CFLAGS)
milter_smimilter_LDADD = policy/libpolicy.a conf/libconf.a smime/libsmime.a \
	$(LIBCONFIG_LIBS) $(OPENSSL_LIBS) $(MILTER_LIBS) -lpthread
