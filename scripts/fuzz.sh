#!/bin/sh
# Run every libFuzzer harness in BUILDDIR/fuzz for SECONDS each.
#   fuzz_NAME starts from the seed corpus fuzz/corpus/NAME (empty when there
#   is none); new inputs go to a scratch copy, so the committed corpus only
#   grows on purpose.  A crash, leak, timeout or harness abort() fails the
#   run; the input that did it is kept in BUILDDIR/fuzz/artifacts/NAME/ and
#   replays with `BUILDDIR/fuzz/fuzz_NAME FILE`.
# usage: scripts/fuzz.sh BUILDDIR [SECONDS]
set -eu
if [ $# -lt 1 ]; then
	echo "usage: $0 BUILDDIR [SECONDS]" >&2
	exit 2
fi
builddir=$(cd "$1" && pwd)
seconds=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# libseccomp 2.5.4 leaks inside seccomp_rule_add_array() on rules it refuses
# (tests/lsan.supp says how); fuzz_compile feeds it such profiles, and
# without the suppression every one counts as a finding of ours.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0}"
status=0
found=0
for h in "$builddir"/fuzz/fuzz_*; do
	# meson's fuzz_NAME.p object directories are not harnesses
	if [ ! -f "$h" ] || [ ! -x "$h" ]; then continue; fi
	found=$((found + 1))
	name=$(basename "$h" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	artifacts=$builddir/fuzz/artifacts/$name
	mkdir -p "$artifacts"
	if [ -d "$top/fuzz/corpus/$name" ]; then
		cp -r "$top/fuzz/corpus/$name/." "$work/"
	fi
	echo "== fuzz_$name: ${seconds}s from $(find "$work" -type f | wc -l) seed inputs"
	if "$h" "$work" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-artifact_prefix="$artifacts/" -print_final_stats=1 >"$work.log" 2>&1; then
		grep -E '^stat::number_of_executed_units|^Done' "$work.log" | tail -2
		echo "fuzz_$name: ok"
	else
		tail -40 "$work.log"
		echo "fuzz_$name: FAILED; reproducer(s) in $artifacts/:"
		ls "$artifacts"
		status=1
	fi
	rm -rf "$work" "$work.log"
done
if [ "$found" -eq 0 ]; then
	echo "fuzz.sh: no fuzz_* harness in $builddir/fuzz (configure with -Dfuzz=true)" >&2
	exit 1
fi
exit $status
