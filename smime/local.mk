# smime/: the pure S/MIME library (no libmilter, no syslog, no exit, no clock).
noinst_LIBRARIES += smime/libsmime.a
smime_libsmime_a_SOURCES = \
	smime/smx_err.c smime/smx_err.h \
	smime/limits.c smime/limits.h \
	smime/reasons.c smime/reasons.h \
	smime/report.c smime/report.h \
	smime/sanitize.c smime/sanitize.h \
	smime/mime_stream.c smime/mime_stream.h \
	smime/mime_header.c smime/mime_header.h \
	smime/mime_decode.c smime/mime_decode.h \
	smime/address.c smime/address.h \
	smime/digest.c smime/digest.h \
	smime/trust.c smime/trust.h \
	smime/cms_verify.c smime/cms_verify.h \
	smime/cms_attrs.c smime/cms_attrs.h \
	smime/certinfo.c smime/certinfo.h \
	smime/pqc_chain.c smime/pqc_chain.h \
	smime/chain_cache.c smime/chain_cache.h \
	smime/cms_certs.c smime/cms_certs.h \
	smime/scan.c smime/scan.h \
	smime/mldsa.c smime/mldsa.h smime/mldsa_int.h \
	smime/mldsa_core.c smime/mldsa_poly.c smime/mldsa_xof.c smime/mldsa_ossl.c
