#!/usr/bin/env bats
# seccompctl record: both recorders on real processes (ptrace with
# SECCOMP_RET_TRACE, user notification), the profile a recording writes and
# that it lets the same command run with nothing denied, every ABI, threads
# and children, --base, --args, --pid, and the robustness rules (signals,
# a killed tracee, nothing left stopped or orphaned).

bats_require_minimum_version 1.5.0

load common

setup_file() {
	export RUNPROG="$BATS_FILE_TMPDIR/runprog"
	cc -O -pthread -o "$RUNPROG" "$BATS_TEST_DIRNAME/progs/runprog.c"
}

@test "both methods record busybox ls; the recording runs it with nothing denied" {
	d=$BATS_TEST_TMPDIR
	for m in ptrace notify; do
		run "$SECCOMPCTL" record --method "$m" --for none -o "$d/$m.json" -- busybox ls /
		[ "$status" -eq 0 ]
		[[ "$output" == *"bin"* ]] # the command's own output
		[[ "$output" == *"distinct calls"*"-> $d/$m.json"* ]]
		jq -e '.defaultAction == "SCMP_ACT_ERRNO" and .architectures == ["SCMP_ARCH_X86_64"]
			and (.syscalls[0].names | index("execve") != null and index("getdents64") != null)
			and (.syscalls[0].comment | test("recorded by seccompctl record"))' "$d/$m.json"
		run "$SECCOMPCTL" run -p "$d/$m.json" --report -- busybox ls /
		[ "$status" -eq 0 ]
		[[ "$output" == *"0 calls denied"* ]]
	done
	# the two methods saw the same calls
	run "$SECCOMPCTL" diff "$d/ptrace.json" "$d/notify.json"
	[ "$status" -eq 0 ]
	# and the result is tighter than the containers' default
	run "$SECCOMPCTL" --output json diff "$d/ptrace.json" --builtin runtime-default
	[ "$status" -eq 1 ]
	jq -e '.arches[0].a_allowed < .arches[0].b_allowed / 5' <<<"$output"
}

@test "threads, children and the i386 ABI are followed; --for runc adds runc's start-up calls" {
	d=$BATS_TEST_TMPDIR
	for m in ptrace notify; do
		run "$SECCOMPCTL" record --method "$m" -o "$d/$m.json" -- sh -c "\"$RUNPROG\" int80; \"$RUNPROG\" thread"
		[ "$status" -eq 0 ]
		jq -e '.architectures == ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"]' "$d/$m.json"
		# getpgrp came through int 0x80 only; mkdirat from the second thread;
		# capset is runc's, not the command's
		jq -e '.syscalls[0].names | (index("getpgrp") != null) and (index("mkdirat") != null)
			and (index("clone3") != null or index("clone") != null) and (index("capset") != null)' "$d/$m.json"
		run "$SECCOMPCTL" run -p "$d/$m.json" --report -- sh -c "\"$RUNPROG\" int80; \"$RUNPROG\" thread"
		[ "$status" -eq 0 ]
		[[ "$output" == *"i386 getpgrp="* ]]
		[[ "$output" == *"0 calls denied"* ]]
	done
	run "$SECCOMPCTL" record --for none -o "$d/none.json" -- "$RUNPROG" int80
	jq -e '.syscalls[0].names | index("capset") == null' "$d/none.json"
}

@test "--base: only what the base denies is recorded; the output is the base plus that" {
	d=$BATS_TEST_TMPDIR
	"$SECCOMPCTL" record -q --for none -o "$d/first.json" -- busybox ls /
	run "$SECCOMPCTL" record --for none --base "$d/first.json" -o "$d/more.json" -- busybox ls -l /
	[ "$status" -eq 0 ]
	[[ "$output" == *"calls added to the base"* ]]
	run "$SECCOMPCTL" run -p "$d/more.json" --report -- busybox ls -l /
	[ "$status" -eq 0 ]
	[[ "$output" == *"0 calls denied"* ]]
	# the first recording's entry is still there, first
	jq -e '.syscalls | length >= 2' "$d/more.json"
	# nothing new: the base comes back unchanged in meaning
	run "$SECCOMPCTL" record --for none --base "$d/first.json" -o "$d/same.json" -- busybox ls /
	[[ "$output" == *"0 calls added to the base"* ]]
	run "$SECCOMPCTL" diff "$d/first.json" "$d/same.json"
	[ "$status" -eq 0 ]
	# a builtin base, and the ABI the base lacks gets added
	run "$SECCOMPCTL" record --base-builtin minimal --method notify -o "$d/m.json" -- "$RUNPROG" int80
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" run -p "$d/m.json" --report -- "$RUNPROG" int80
	[ "$status" -eq 0 ]
}

@test "--args: argument rules for prctl, socket and clone; other values stay denied" {
	d=$BATS_TEST_TMPDIR
	run "$SECCOMPCTL" record --args --for none -o "$d/a.json" -- sh -c 'busybox ls / >/dev/null; busybox nc -w 1 127.0.0.1 1 </dev/null 2>/dev/null; true'
	[ "$status" -eq 0 ]
	jq -e '[.syscalls[] | select(.names == ["socket"]) | .args[0].value] | index(2) != null' "$d/a.json"
	jq -e '[.syscalls[] | select(.names == ["socket"]) | .args[1].op] | all(. == "SCMP_CMP_MASKED_EQ")' "$d/a.json"
	jq -e '.syscalls[0].names | index("socket") == null' "$d/a.json"
	# AF_INET was recorded, AF_NETLINK was not: explain says so
	run "$SECCOMPCTL" explain "$d/a.json" socket AF_INET SOCK_STREAM 0
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" explain "$d/a.json" socket AF_NETLINK SOCK_RAW 0
	[ "$status" -eq 1 ]
}

@test "--pid: attach to a running shell and its children, detach on SIGINT leaving it running" {
	d=$BATS_TEST_TMPDIR
	sh -c 'while :; do cat /etc/hostname >/dev/null; sleep 0.1; done' &
	w=$!
	sleep 0.2
	"$SECCOMPCTL" record --pid "$w" -o "$d/p.json" 2>"$d/err" &
	r=$!
	sleep 1
	kill -INT $r
	st=0
	wait $r || st=$?
	[ "$st" -eq 0 ]
	grep -q "incomplete" "$d/err"
	sleep 0.3
	# the shell runs on, not stopped, not traced
	grep -q "State:.*S (sleeping)\|State:.*R (running)" /proc/$w/status
	grep -q "TracerPid:.0$" /proc/$w/status
	kill $w
	jq -e '.syscalls[0].names | (index("wait4") != null) and (index("openat") != null)' "$d/p.json"
}

@test "signals: the first goes to the command; the second ends the recording, kills the rest, keeps the profile" {
	d=$BATS_TEST_TMPDIR
	for m in ptrace notify; do
		"$SECCOMPCTL" record --method "$m" -o "$d/s.json" -- sleep 30 2>/dev/null &
		r=$!
		sleep 0.5
		kill -INT $r
		st=0
		wait $r || st=$?
		[ "$st" -eq 130 ]
		jq -e '.syscalls[0].names | index("clock_nanosleep") != null' "$d/s.json"
		# a command that ignores SIGTERM: the second SIGTERM ends it all
		"$SECCOMPCTL" record --method "$m" -o "$d/t.json" -- sh -c 'trap "" INT TERM; sleep 30; echo survived' >"$d/out" 2>/dev/null &
		r=$!
		sleep 0.5
		kill -TERM $r
		sleep 0.3
		kill -TERM $r
		st=0
		wait $r || st=$?
		[ "$st" -eq 137 ]
		jq -e '.syscalls[0].comment | test("INCOMPLETE")' "$d/t.json"
		sleep 0.2
		! pgrep -f 'sleep 30' >/dev/null
		! grep -q survived "$d/out"
	done
}

@test "a tracee killed with SIGKILL: the recording ends with its status and the profile" {
	d=$BATS_TEST_TMPDIR
	for m in ptrace notify; do
		"$SECCOMPCTL" record --method "$m" -o "$d/k.json" -- "$RUNPROG" wait-usr1 >"$d/out" 2>/dev/null &
		r=$!
		for _ in $(seq 50); do grep -q ready "$d/out" && break; sleep 0.1; done
		child=$(sed -n 's/^ready //p' "$d/out")
		kill -KILL "$child"
		st=0
		wait $r || st=$?
		[ "$st" -eq 137 ]
		jq -e '.syscalls[0].names | index("rt_sigprocmask") != null' "$d/k.json"
	done
}

@test "the profile is written even when the command fails; bad usage" {
	d=$BATS_TEST_TMPDIR
	run "$SECCOMPCTL" record -o "$d/f.json" -- sh -c 'exit 3'
	[ "$status" -eq 3 ]
	jq -e '.syscalls[0].names | index("exit_group") != null' "$d/f.json"
	run "$SECCOMPCTL" record -- true
	[ "$status" -eq 2 ]
	[[ "$output" == *"give -o OUT"* ]]
	run "$SECCOMPCTL" record -o "$d/x.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" record --method strace -o "$d/x.json" -- true
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" record --method notify --pid 1 -o "$d/x.json"
	[ "$status" -eq 2 ]
	run -127 "$SECCOMPCTL" record -o "$d/x.json" -- no-such-command-here
	[ "$status" -eq 127 ]
	run "$SECCOMPCTL" record --base "$d/missing.json" -o "$d/x.json" -- true
	[ "$status" -eq 125 ]
	[ ! -e "$d/x.json" ]
}
