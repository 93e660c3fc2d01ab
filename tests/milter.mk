# tests/milter/: smimilter behind a real, private Postfix (root only; skipped
# otherwise) and miltertest scripts.
TESTS += tests/milter/e2e
EXTRA_DIST += tests/milter/e2e tests/milter/harness.sh
