# tests/hostile: smimecheck against truncated, malformed and oversized input
# generated at test time (nothing big is committed); checks the verdict, that
# nothing crashes and that peak RSS stays under 64 MB.  See the comment at
# the top of tests/hostile/run.
TESTS += tests/hostile/run
EXTRA_DIST += tests/hostile/run
