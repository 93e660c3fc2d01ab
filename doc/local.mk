# doc/: manual pages; check them with `mandoc -Tlint`.
dist_man_MANS += doc/smimecheck.1 doc/smimilter.conf.5 doc/smimilter.8
