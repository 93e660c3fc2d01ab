# bench/: the benchmark (bench/run, figures in bench/README.md).  Never a
# timed test: bench_scan is built with everything else and run by hand or
# by bench/run, which prints the figures.
noinst_PROGRAMS += bench/bench_scan
bench_bench_scan_SOURCES = bench/bench_scan.c
bench_bench_scan_LDADD = smime/libsmime.a $(OPENSSL_LIBS) -lpthread

EXTRA_DIST += bench/run bench/README.md

# bench-mldsa: ML-DSA verification time per parameter set (bench/run-mldsa
# adds OpenSSL 3.5's through Node).  It reads its vectors from the source
# tree (tests/data/ml-dsa/node-crosscheck.txt; $srcdir overrides).
noinst_PROGRAMS += bench/bench-mldsa
bench_bench_mldsa_SOURCES = bench/bench_mldsa.c
bench_bench_mldsa_CPPFLAGS = $(AM_CPPFLAGS) -DBENCH_TOP_SRCDIR='"$(abs_top_srcdir)"'
bench_bench_mldsa_LDADD = smime/libsmime.a $(OPENSSL_LIBS) -lpthread
EXTRA_DIST += bench/run-mldsa

# bench-lint: BR lint speed per certificate, parsing included and not, over
# a corpus of at least 1,200 certificates (tests/data, and ones made by
# tests/certgen.c, which the unit tests share).
noinst_PROGRAMS += bench/bench-lint
bench_bench_lint_SOURCES = bench/bench_lint.c tests/certgen.c tests/certgen.h \
	tests/lintcmp.c tests/lintcmp.h
bench_bench_lint_CPPFLAGS = $(AM_CPPFLAGS) -DBENCH_TOP_SRCDIR='"$(abs_top_srcdir)"'
bench_bench_lint_LDADD = policy/libpolicy.a smime/libsmime.a $(OPENSSL_LIBS) -lpthread

# bench/run-postfix: smimilter behind a private Postfix (root; throughput
# with and without the milter, milter RSS); figures in bench/README.md.
EXTRA_DIST += bench/run-postfix

# null_milter: a milter that checks nothing, negotiated as smimilter is;
# bench/run-postfix runs it as the ceiling any milter reaches here.
noinst_PROGRAMS += bench/null_milter
bench_null_milter_SOURCES = bench/null_milter.c
bench_null_milter_CFLAGS = $(AM_CFLAGS) $(MILTER_CFLAGS)
bench_null_milter_LDADD = $(MILTER_LIBS) -lpthread
