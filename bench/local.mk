# bench/: the benchmark (bench/run, figures in bench/README.md).  Never a
# timed test: bench_scan is built with everything else and run by hand or
# by bench/run, which prints the figures.
noinst_PROGRAMS += bench/bench_scan
bench_bench_scan_SOURCES = bench/bench_scan.c
bench_bench_scan_LDADD = smime/libsmime.a $(OPENSSL_LIBS) -lpthread

EXTRA_DIST += bench/run bench/README.md
