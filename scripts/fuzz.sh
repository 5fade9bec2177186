#!/bin/sh
# Run every libFuzzer harness in BUILDDIR/fuzz for SECONDS each on its seed
# corpus (fuzz/corpus/NAME, new inputs kept in a scratch copy so the
# committed corpus only grows on purpose).  Fails on any crash.
# usage: scripts/fuzz.sh BUILDDIR SECONDS
set -eu
builddir=$1
seconds=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for h in "$builddir"/fuzz/fuzz_*; do
	[ -f "$h" ] && [ -x "$h" ] || continue
	name=$(basename "$h" | sed 's/^fuzz_//')
	work=$(mktemp -d)
	cp -r "$top/fuzz/corpus/$name/." "$work/"
	echo "== fuzz_$name: ${seconds}s on $(ls "$work" | wc -l) seed inputs"
	if ! "$h" "$work" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-artifact_prefix="$top/fuzz/" -print_final_stats=1 2>"$work.log"; then
		tail -50 "$work.log"
		echo "fuzz_$name: FAILED (crash input saved under fuzz/)"
		status=1
	else
		grep -E 'stat::number_of_executed_units|cov:' "$work.log" | tail -2
	fi
	rm -rf "$work" "$work.log"
done
exit $status
