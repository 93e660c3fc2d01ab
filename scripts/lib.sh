# shellcheck shell=bash
# scripts/lib.sh - shell functions shared by scripts/test and scripts/demo.
#
# Sourced, never run (bash).  The sourcing script sets PROG (its name, for
# messages) before it calls anything here.
#
#   say TEXT...             one line on stdout, prefixed with PROG
#   die TEXT...             one line on stderr, then exit 1
#   pkgs_missing PKG...     print the packages of the list not installed
#   pkgs_install PKG...     install the missing ones with apt-get (Debian);
#                           quick when nothing is missing (dpkg-query only,
#                           no apt-get update)
#   clang_rt_pkg            the libclang-rt-NN-dev package that matches
#                           `clang --version` (14 on Debian 12, 19 on 13)
#   postfix_preseed         answer Postfix's debconf questions with "No
#                           configuration", so installing it starts nothing
#   configure_build DIR ARGS...
#                           configure the source tree out of tree in DIR
#                           (created), with ARGS; refuses an in-tree
#                           configured source tree, which breaks VPATH

say() {
	printf '%s: %s\n' "$PROG" "$*"
}

die() {
	printf '%s: error: %s\n' "$PROG" "$*" >&2
	exit 1
}

pkgs_missing() {
	local p st
	for p in "$@"; do
		st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) || st=
		case $st in
		ii*) ;;
		*) printf '%s\n' "$p" ;;
		esac
	done
}

pkgs_install() {
	local missing
	if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
		say "not a Debian system (no dpkg-query/apt-get): not installing anything;"
		say "needed: $*"
		return 0
	fi
	missing=$(pkgs_missing "$@" | tr '\n' ' ')
	missing=${missing% }
	if [ -z "$missing" ]; then
		say "nothing to install (dpkg-query: $* installed)"
		return 0
	fi
	if [ "$(id -u)" != 0 ]; then
		die "missing packages: $missing; run as root, or install them and pass --no-install"
	fi
	say "installing: $missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q || die "apt-get update failed"
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing ||
		die "apt-get install failed for: $missing"
}

postfix_preseed() {
	command -v debconf-set-selections >/dev/null 2>&1 || return 0
	[ "$(id -u)" = 0 ] || return 0
	printf '%s\n' "postfix postfix/main_mailer_type select No configuration" \
	    "postfix postfix/mailname string localhost.localdomain" |
		debconf-set-selections
}

clang_rt_pkg() {
	local v
	v=$(clang --version 2>/dev/null |
		sed -n 's/.*clang version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
	[ -n "$v" ] || return 1
	printf 'libclang-rt-%s-dev\n' "$v"
}

configure_build() {
	local dir=$1
	shift
	[ ! -f "$TOP/config.status" ] ||
		die "$TOP is configured in-tree (config.status); run 'make distclean' there first"
	mkdir -p "$dir"
	(cd "$dir" && "$TOP/configure" -q "$@") ||
		die "configure failed in $dir (see $dir/config.log)"
}
