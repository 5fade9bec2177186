#!/usr/bin/env bats
# logs and run, two independent witnesses of the same workload: a program
# runs under `seccompctl run` with a profile whose default is SCMP_ACT_LOG
# (the lab's audit method: the kernel writes a SECCOMP record per call), and
# again in complain mode under a profile that denies everything (every call
# reaches our supervisor and continues).  The set of (ABI, syscall) that
# `logs --source kmsg --pid` reads back must equal the set the run reported,
# the i386 call made through int 0x80 included.  printk_ratelimit is 0 for
# the test and restored.

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}
RATELIMIT=/proc/sys/kernel/printk_ratelimit

setup_file()
{
	exec 8>/run/lock/seccompctl-runtime-tests.lock
	flock -w 900 8 || true
}

setup()
{
	if [ "$(id -u)" != 0 ] || [ ! -r /dev/kmsg ] || [ ! -w "$RATELIMIT" ]; then
		skip "needs root, /dev/kmsg and $RATELIMIT"
	fi
	saved=$(cat "$RATELIMIT")
	echo 0 >"$RATELIMIT"
	cc -O -pthread -o "$BATS_TEST_TMPDIR/runprog" "$TOP/tests/cli/progs/runprog.c"
}

teardown()
{
	[ -z "${saved:-}" ] || echo "$saved" >"$RATELIMIT"
}

@test "logs from kmsg names exactly the calls run --mode complain saw, per ABI" {
	d=$BATS_TEST_TMPDIR
	cat >"$d/log.json" <<'EOF2'
{"defaultAction": "SCMP_ACT_LOG", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], "syscalls": []}
EOF2
	cat >"$d/deny.json" <<'EOF2'
{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], "syscalls": []}
EOF2
	# 1. the kernel's records
	"$SECCOMPCTL" run -p "$d/log.json" -- "$d/runprog" int80 >"$d/out1"
	grep -q "i386 getpgrp=" "$d/out1"
	for _ in $(seq 20); do
		"$SECCOMPCTL" --output json logs --source kmsg --exe "$d/runprog" >"$d/logs.json" || true
		n=$(jq '[.calls[] | select(.syscall == "exit_group")] | length' "$d/logs.json")
		[ "${n:-0}" -ge 1 ] && break
		sleep 0.2
	done
	# the execve record still carries seccompctl's exe: select by pid
	pid=$(jq '.calls[0].last_pid' "$d/logs.json")
	"$SECCOMPCTL" --output json logs --source kmsg --pid "$pid" >"$d/logs.json" || true
	jq -r '.calls[] | "\(.abi) \(.syscall)"' "$d/logs.json" | sort -u >"$d/from-logs"
	# 2. our supervisor, nothing blocked
	"$SECCOMPCTL" run --mode complain -p "$d/deny.json" --report="$d/r.jsonl" -- "$d/runprog" int80 >"$d/out2" 2>/dev/null || [ $? -eq 1 ]
	grep -q "i386 getpgrp=" "$d/out2"
	jq -r '"\(.arch) \(.syscall)"' "$d/r.jsonl" | sort -u >"$d/from-run"
	echo "logs:"; cat "$d/from-logs"; echo "run:"; cat "$d/from-run"
	grep -qx "x86 getpgrp" "$d/from-logs"
	grep -qx "x86_64 getppid" "$d/from-logs"
	[ "$(wc -l <"$d/from-logs")" -ge 10 ]
	diff "$d/from-logs" "$d/from-run"
}

@test "logs --merge of those records makes a profile the program runs under in enforce mode" {
	d=$BATS_TEST_TMPDIR
	cat >"$d/log.json" <<'EOF2'
{"defaultAction": "SCMP_ACT_LOG", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], "syscalls": []}
EOF2
	cat >"$d/base.json" <<'EOF2'
{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"], "syscalls": [{"names": ["execve"], "action": "SCMP_ACT_ALLOW"}]}
EOF2
	"$SECCOMPCTL" run -p "$d/log.json" -- "$d/runprog" int80 >/dev/null
	for _ in $(seq 20); do
		"$SECCOMPCTL" --output json logs --source kmsg --exe "$d/runprog" >"$d/logs.json" || true
		n=$(jq '[.calls[] | select(.syscall == "exit_group")] | length' "$d/logs.json")
		[ "${n:-0}" -ge 1 ] && break
		sleep 0.2
	done
	"$SECCOMPCTL" logs -q --source kmsg --exe "$d/runprog" --merge "$d/base.json" -o "$d/fixed.json" || [ $? -eq 1 ]
	jq -e '.architectures | index("SCMP_ARCH_X86") != null' "$d/fixed.json"
	run "$SECCOMPCTL" run -p "$d/fixed.json" --report -- "$d/runprog" int80
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"i386 getpgrp="* ]]
	[[ "$output" == *"0 calls denied"* ]]
}
