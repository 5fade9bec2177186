#!/bin/sh
# Run every benchmark in BUILDDIR/bench (bench_*: bench_compile, bench_json),
# each given the source tree's root for its inputs, then bench/logs.sh and
# bench/start.sh (container start times, with BUILDDIR/bench/resolve_profile),
# bench/run.sh (what `seccompctl run` and its --report add to a syscall-heavy
# workload), and print their reports one after another.
# usage: scripts/bench.sh BUILDDIR
set -eu
if [ $# -ne 1 ]; then
	echo "usage: $0 BUILDDIR" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
found=0
status=0
for b in "$1"/bench/bench_*; do
	# meson's bench_NAME.p object directories are not benchmarks
	if [ ! -f "$b" ] || [ ! -x "$b" ]; then continue; fi
	found=$((found + 1))
	echo "== $(basename "$b")"
	"$b" "$top" || status=1
done
if [ "$found" -eq 0 ]; then
	echo "bench.sh: no bench_* binary in $1/bench (configure with -Dbench=true)" >&2
	exit 1
fi
# logs on a synthetic 1 GB log, next to grep.
echo "== bench/logs.sh"
"$top/bench/logs.sh" "$1/seccompctl" || status=1
# `run` and `run --report` on tar and find, next to the plain commands.
echo "== bench/run.sh"
if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
	"$top/bench/run.sh" "$1/seccompctl" || status=1
else
	echo "skipped: needs hyperfine and jq"
fi
# record's two methods and --base on find and tar, next to strace -f -c.
echo "== bench/record.sh"
if command -v hyperfine >/dev/null && command -v jq >/dev/null && command -v strace >/dev/null; then
	"$top/bench/record.sh" "$1/seccompctl" || status=1
else
	echo "skipped: needs hyperfine, jq and strace"
fi
# Container start with and without seccomp (needs root and the runtimes).
echo "== bench/start.sh"
if [ "$(id -u)" = 0 ] && command -v crun >/dev/null && command -v runc >/dev/null &&
	command -v hyperfine >/dev/null && command -v jq >/dev/null && [ -x /bin/busybox ]; then
	"$top/bench/start.sh" "$1/seccompctl" || status=1
else
	echo "skipped: needs root, crun, runc, hyperfine, jq and busybox-static"
fi
exit $status
