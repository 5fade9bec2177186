#!/bin/sh
# Install the Debian packages a make target needs, only when missing.
# usage: scripts/deps.sh build|test|demo|fuzz|bench
set -eu

build="gcc meson ninja-build pkg-config libseccomp-dev python3"
test="$build libcmocka-dev bats jq runc crun busybox-static seccomp golang-github-containers-common util-linux procps clang-format cppcheck clang auditd nginx redis-server redis-tools wrk postgresql curl"
fuzz="$build clang libclang-rt-14-dev llvm"
bench="$build libjansson-dev hyperfine jq runc crun busybox-static util-linux bc time strace"

case "${1:-build}" in
build | demo) want=$build ;;
test) want=$test ;;
fuzz) want=$fuzz ;;
bench) want=$bench ;;
*) echo "deps.sh: unknown set '$1' (build, test, demo, fuzz, bench)" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing Debian packages:$missing" >&2
	echo "deps.sh: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
