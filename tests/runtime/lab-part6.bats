#!/usr/bin/env bats
# The lab's Part 6 with real runtimes and real records: run the workload
# under the lab's audit profile (every call logged), read what the kernel
# logged with `seccompctl logs`, merge it into the lab's too-restrictive
# profile, and the container that could not start now runs.  The records
# include what runc/crun themselves call after loading the filter, which is
# exactly why too-restrictive failed.
#
# Needs root and the Debian packages runc, crun, busybox-static, jq; skips
# otherwise.

# shellcheck disable=SC2154 # rt_status, rt_stdout, ... come from lib.bash
load lib

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
LAB=$TOP/profiles/lab
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}

setup_file()
{
	# printk_ratelimit and the kernel log are machine-wide: share the lock
	exec 8>/run/lock/seccompctl-runtime-tests.lock
	flock -w 900 8 || echo "# could not take the runtime-test lock; running anyway" >&3
	export RT_RUN_TOKEN=$$
	export RT_KMSG_PIDS=$BATS_FILE_TMPDIR/kmsg-readers
	: >"$RT_KMSG_PIDS"
}

setup()
{
	rt_skip_unless_root_and_tools
}

teardown()
{
	rt_teardown
}

lab_part6() {
	local rt=$1 b=$BATS_TEST_TMPDIR/$1 k=$BATS_TEST_TMPDIR/$1.kmsg
	# too-restrictive alone: the container cannot start
	rt_make_bundle "$b" "$LAB/too-restrictive.json" /bin/ls /
	"rt_run_$rt" "$b"
	[ "$rt_status" -ne 0 ]
	# Part 6.3: the audit profile, every call logged
	rt_make_bundle "$b" "$LAB/audit.json" /bin/ls /
	rt_kmsg_start "$k"
	"rt_run_$rt" "$b"
	rt_kmsg_stop
	[ "$rt_status" -eq 0 ]
	# Part 6.4: the records, and the profile they call for
	"$SECCOMPCTL" --output json logs "$k" >"$b.logs.json" || [ $? -eq 1 ]
	jq -e '[.calls[] | select(.syscall == "execve")] | length > 0' "$b.logs.json"
	jq -e '[.calls[] | select(.program == "/bin/busybox" and .syscall == "getdents64")]
		| length > 0' "$b.logs.json"
	run "$SECCOMPCTL" logs "$k" --merge "$LAB/too-restrictive.json" -o "$b.fixed.json"
	[[ "$output" == *"added to"* ]]
	"$SECCOMPCTL" lint "$b.fixed.json" >/dev/null || [ $? -eq 1 ]
	# and now the container runs, under the runtime that failed
	rt_make_bundle "$b" "$b.fixed.json" /bin/ls /
	"rt_run_$rt" "$b"
	[ "$rt_status" -eq 0 ]
	[[ "$rt_stdout" == *"bin"* ]]
}

@test "lab Part 6 with runc: audit profile, logs --merge, too-restrictive then runs" {
	lab_part6 runc
}

@test "lab Part 6 with crun: audit profile, logs --merge, too-restrictive then runs" {
	lab_part6 crun
}
