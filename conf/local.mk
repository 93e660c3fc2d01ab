# conf/: libconfig loading into typed, validated snapshots.
noinst_LIBRARIES += conf/libconf.a
conf_libconf_a_SOURCES = \
	conf/conf.c conf/conf.h \
	conf/conf_check.c conf/conf_check.h \
	conf/conf_keys.c conf/conf_keys.h \
	conf/conf_types.c conf/conf_types.h
conf_libconf_a_CFLAGS = $(AM_CFLAGS) $(LIBCONFIG_CFLAGS)
EXTRA_DIST += conf/smimilter.conf.sample
