#!/bin/sh
# bench/logs.sh: `seccompctl logs` on a large synthetic log built from the
# real lines in tests/fixtures/logs (all forms, garbage included, one line
# in five a SECCOMP record), next to `grep -c type=1326` on the same file
# in the same run: throughput in MB/s (best of three, warm page cache) and
# seccompctl's peak RSS, which must stay flat however big the file is.
# usage: bench/logs.sh SECCOMPCTL [MEGABYTES]   (default 1024)
set -eu
seccompctl=$1
mb=${2:-1024}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# a block of real lines, then repeated up to the size
for f in dmesg.txt kmsg-raw.txt kern.log journalctl-k.txt audit.log garbage.txt journal.json; do
	cat "$top/tests/fixtures/logs/$f"
done >"$work/block"
# more unrelated lines, as a real kernel log has
seq 1 40 | sed 's/^/[1.000000] eth0: renamed from veth/' >>"$work/block"
block=$(stat -c %s "$work/block")
n=$(((mb * 1024 * 1024 + block - 1) / block))
i=0
: >"$work/big.log"
while [ $i -lt "$n" ]; do
	cat "$work/block" "$work/block" "$work/block" "$work/block" "$work/block" \
		"$work/block" "$work/block" "$work/block" "$work/block" "$work/block"
	i=$((i + 10))
done >"$work/big.log"
size=$(stat -c %s "$work/big.log")
echo "synthetic log: $((size / 1024 / 1024)) MB, $(wc -l <"$work/big.log") lines"

best() { # best CMD...: best wall time of three runs, in seconds
	b=""
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		# not /dev/null: GNU grep then stops at the first match
		"$@" >"$work/out" 2>&1 || true
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

cat "$work/big.log" >/dev/null # warm the page cache
g=$(best grep -c type=1326 "$work/big.log")
l=$(best "$seccompctl" logs "$work/big.log")
rss=$(/usr/bin/time -f %M "$seccompctl" logs "$work/big.log" 2>&1 >/dev/null | tail -1)
rss_small=$(/usr/bin/time -f %M "$seccompctl" logs "$top/tests/fixtures/logs/dmesg.txt" 2>&1 \
	>/dev/null | tail -1)
echo "grep -c type=1326:  $(echo "scale=1; $size / 1048576 / $g" | bc) MB/s ($g s)"
echo "seccompctl logs:    $(echo "scale=1; $size / 1048576 / $l" | bc) MB/s ($l s)"
echo "ratio logs/grep:    $(echo "scale=2; $g / $l" | bc)"
echo "peak RSS: ${rss} KB on this file, ${rss_small} KB on a 2 KB file"
