# milter/: the front-ends (smimecheck now; smimilter with the milter issue).
bin_PROGRAMS += milter/smimecheck
milter_smimecheck_SOURCES = \
	milter/smimecheck.c \
	milter/check_out.c milter/check_out.h \
	milter/check_br.c milter/check_br.h \
	milter/jsonw.c milter/jsonw.h \
	milter/hdr_ar.c milter/hdr_ar.h \
	milter/msgctx.c milter/msgctx.h \
	milter/rfc3339.c milter/rfc3339.h
milter_smimecheck_LDADD = policy/libpolicy.a conf/libconf.a smime/libsmime.a \
	$(LIBCONFIG_LIBS) $(OPENSSL_LIBS) -lpthread
