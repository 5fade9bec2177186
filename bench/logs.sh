#!/bin/sh
# bench/logs.sh: `seccompctl logs` on large synthetic logs built from the
# real lines in tests/fixtures/logs (all forms, garbage included), next to
# `grep -c type=1326` on the same file in the same run: throughput in MB/s
# (best of three, warm page cache) and seccompctl's peak RSS, which must
# stay flat however big the file is.  Two mixes: "records" (about a third
# of the lines are SECCOMP records, the worst case) and "kernel log" (the
# same lines among ten times as many ordinary kernel messages).
# usage: bench/logs.sh SECCOMPCTL [MEGABYTES]   (default 1024)
set -eu
seccompctl=$1
mb=${2:-1024}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# a block of real lines; a kernel-log block adds ordinary messages
for f in dmesg.txt kmsg-raw.txt kern.log journalctl-k.txt audit.log garbage.txt journal.json; do
	cat "$top/tests/fixtures/logs/$f"
done >"$work/block"
seq 1 40 | sed 's/^/[1.000000] eth0: renamed from veth/' >>"$work/block"
{
	cat "$work/block"
	seq 1 300 | sed 's/^/[1.000000] EXT4-fs (vda1): mounted filesystem with ordered data mode. /'
	seq 1 300 | sed 's/^/[1.000000] IPv6: ADDRCONF(NETDEV_CHANGE): veth: link becomes ready /'
} >"$work/kblock"

make_log() { # make_log BLOCK OUT
	bs=$(stat -c %s "$1")
	n=$(((mb * 1024 * 1024 + bs - 1) / bs))
	i=0
	while [ $i -lt "$n" ]; do
		cat "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1"
		i=$((i + 10))
	done >"$2"
}

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

measure() { # measure NAME BLOCK
	make_log "$2" "$work/big.log"
	size=$(stat -c %s "$work/big.log")
	cat "$work/big.log" >/dev/null # warm the page cache
	g=$(best grep -c type=1326 "$work/big.log")
	l=$(best "$seccompctl" logs "$work/big.log")
	rss=$(/usr/bin/time -f %M "$seccompctl" logs "$work/big.log" 2>&1 >/dev/null | tail -1)
	echo "$1: $((size / 1024 / 1024)) MB, $(wc -l <"$work/big.log") lines," \
		"$(grep -c type=1326 "$work/big.log") kernel SECCOMP records"
	echo "  grep -c type=1326:  $(echo "scale=1; $size / 1048576 / $g" | bc) MB/s ($g s)"
	echo "  seccompctl logs:    $(echo "scale=1; $size / 1048576 / $l" | bc) MB/s ($l s)"
	echo "  ratio logs/grep:    $(echo "scale=2; $g / $l" | bc)"
	echo "  peak RSS:           ${rss} KB"
	rm -f "$work/big.log"
}

measure "records mix" "$work/block"
measure "kernel-log mix" "$work/kblock"
rss_small=$(/usr/bin/time -f %M "$seccompctl" logs "$top/tests/fixtures/logs/dmesg.txt" 2>&1 \
	>/dev/null | tail -1)
echo "peak RSS on a 2 KB log: ${rss_small} KB"
