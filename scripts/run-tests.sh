#!/bin/sh
# Run every test suite and add the counts up into one closing line:
#   N passed, N failed[, N skipped]
# usage: scripts/run-tests.sh BUILDDIR
# Unit tests (cmocka, TAP output) run from BUILDDIR/tests/unit; CLI and
# runtime tests (bats) drive BUILDDIR/seccompctl.  A test binary that dies
# without reporting counts as one failure.
set -u
builddir=${1:-build-san}
top=$(cd "$(dirname "$0")/.." && pwd)
case $builddir in /*) bdir=$builddir ;; *) bdir=$top/$builddir ;; esac
log=$(mktemp)
trap 'rm -f "$log"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0}
export CMOCKA_MESSAGE_OUTPUT=TAP
export SECCOMPCTL="$bdir/seccompctl"
export SRCDIR="$top"

crashed=0
echo "== unit tests (cmocka, ASan+UBSan)"
for t in "$bdir"/tests/unit/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	"$t" >"$log.one" 2>&1
	rc=$?
	cat "$log.one"
	cat "$log.one" >>"$log"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log.one"; then
		echo "not ok - $(basename "$t") exited $rc without reporting a failure"
		echo "not ok - crash" >>"$log"
		crashed=$((crashed + 1))
	fi
done
rm -f "$log.one"

echo "== fuzz corpora replayed (ASan+UBSan)"
for r in "$bdir"/tests/unit/replay_*; do
	[ -f "$r" ] && [ -x "$r" ] || continue
	name=$(basename "$r" | sed 's/^replay_//')
	if out=$("$r" "$top/fuzz/corpus/$name" 2>&1); then
		echo "ok - replay_$name: $out" | tee -a "$log"
	else
		printf '%s\n' "$out" | tail -20
		echo "not ok - replay_$name" | tee -a "$log"
	fi
done

echo "== code checks"
# Formatting (.clang-format) and cppcheck over the C sources.
cfiles=$(cd "$top" && git ls-files '*.c' '*.h' 2>/dev/null || find src tests fuzz bench -name '*.[ch]')
if (cd "$top" && clang-format --dry-run -Werror $cfiles) >"$log.fmt" 2>&1; then
	echo "ok - clang-format: every C file is formatted" | tee -a "$log"
else
	head -20 "$log.fmt"
	echo "not ok - clang-format: run 'make format'" | tee -a "$log"
fi
if (cd "$top" && cppcheck --quiet --enable=warning,portability --std=c11 --inline-suppr -I src \
	-D_GNU_SOURCE --error-exitcode=1 src) >"$log.fmt" 2>&1; then
	echo "ok - cppcheck: no warnings in src/" | tee -a "$log"
else
	head -20 "$log.fmt"
	echo "not ok - cppcheck" | tee -a "$log"
fi
rm -f "$log.fmt"

echo "== CLI and runtime tests (bats)"
suites=""
for d in tests/cli tests/runtime; do
	ls "$top/$d"/*.bats >/dev/null 2>&1 && suites="$suites $top/$d"
done
if [ -n "$suites" ]; then
	# shellcheck disable=SC2086
	bats --tap $suites 2>&1 | tee -a "$log"
fi

skipped=$(grep -cE '^ok .*# (skip|SKIP)' "$log")
passed=$(grep -E '^ok ' "$log" | grep -cvE '# (skip|SKIP)')
failed=$(grep -c '^not ok' "$log")
echo
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
