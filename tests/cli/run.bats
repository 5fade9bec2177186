#!/usr/bin/env bats
# seccompctl run: the profile applied as runc applies it, the exit status of
# DESIGN.md section 2, fail-closed starts, and --report / complain mode with
# the kernel's own behaviour for every deny action.  All real: seccomp(2),
# user notification and signals on this machine.

bats_require_minimum_version 1.5.0

load common

setup_file() {
	export RUNPROG="$BATS_FILE_TMPDIR/runprog"
	cc -O -pthread -o "$RUNPROG" "$BATS_TEST_DIRNAME/progs/runprog.c"
	export LAB="$BATS_TEST_DIRNAME/../../profiles/lab"
}

# A profile: allow everything except mkdirat, which gets action $1.
deny_mkdir() {
	cat >"$BATS_TEST_TMPDIR/p.json" <<EOF2
{"defaultAction": "SCMP_ACT_ALLOW",
 "syscalls": [{"names": ["mkdirat", "mkdir"], "action": "$1"}]}
EOF2
	echo "$BATS_TEST_TMPDIR/p.json"
}

@test "lab: deny-dangerous blocks mount; --report names it with its arguments and the rule" {
	run unshare -m "$SECCOMPCTL" run -p "$LAB/deny-dangerous.json" --report -- busybox mount -t tmpfs tmpfs /mnt
	[ "$status" -ne 0 ]
	[[ "$output" == *'denied mount("tmpfs", "/mnt", "tmpfs", '* ]]
	[[ "$output" == *"-> ERRNO(EPERM)"* ]]
	[[ "$output" == *"syscalls[0] (${LAB}/deny-dangerous.json:9:5)"* ]]
	[[ "$output" == *"1 call denied by"* ]]
	run unshare -m "$SECCOMPCTL" run -q -p "$LAB/deny-dangerous.json" --report="$BATS_TEST_TMPDIR/r.jsonl" -- busybox mount -t tmpfs tmpfs /mnt
	jq -e 'select(.syscall == "mount") | .args[0].string == "tmpfs" and .args[1].path == "/mnt"
		and .args[2].string == "tmpfs" and (.call | startswith("mount(\"tmpfs\", \"/mnt\""))
		and .rule.path == "syscalls[0]" and .rule.line == 9' "$BATS_TEST_TMPDIR/r.jsonl"
}

@test "lab: minimal stops sleep: clock_nanosleep denied by the default action" {
	run "$SECCOMPCTL" run -p "$LAB/minimal.json" --report -- busybox sleep 1
	[ "$status" -eq 1 ]
	[[ "$output" == *"denied clock_nanosleep("*"-> ERRNO(EPERM)"*"defaultAction (${LAB}/minimal.json:2:20)"* ]]
}

@test "lab: complain mode on too-restrictive, --suggest, then the command runs clean" {
	d=$BATS_TEST_TMPDIR
	run "$SECCOMPCTL" run --mode complain -p "$LAB/too-restrictive.json" --suggest "$d/s.json" -- busybox ls /
	[ "$status" -eq 1 ] # it ran (nothing blocked) and the profile would have denied calls
	[[ "$output" == *"would deny"* ]]
	[[ "$output" == *"bin"* ]] # ls printed the root directory
	[[ "$output" == *"$d/s.json: "*" calls added"* ]]
	jq -e '.defaultAction == "SCMP_ACT_ERRNO"' "$d/s.json"
	# enforce with the suggestion: nothing denied, exit 0
	run "$SECCOMPCTL" run --report -p "$d/s.json" -- busybox ls /
	[ "$status" -eq 0 ]
	[[ "$output" == *"0 calls denied by"* ]]
	# and the original profile does not even let it start
	run "$SECCOMPCTL" run -p "$LAB/too-restrictive.json" -- busybox ls /
	[ "$status" -eq 126 ]
	[[ "$output" == *"cannot execute"*"Operation not permitted"* ]]
}

@test "exit status: the command's, 128+N for a signal" {
	run "$SECCOMPCTL" run --builtin runtime-default -- sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run "$SECCOMPCTL" run --builtin runtime-default -- sh -c 'kill -TERM $$'
	[ "$status" -eq 143 ]
	run "$SECCOMPCTL" run --builtin runtime-default -- true
	[ "$status" -eq 0 ]
	[ -z "$output" ] # without --report, run prints nothing of its own
}

@test "exit status: 127 not found, 126 not executable, 2 usage" {
	run -127 "$SECCOMPCTL" run --builtin runtime-default -- no-such-command-here
	[ "$status" -eq 127 ]
	[[ "$output" == *"no-such-command-here: command not found"* ]]
	printf 'x' >"$BATS_TEST_TMPDIR/notexec"
	run "$SECCOMPCTL" run --builtin runtime-default -- "$BATS_TEST_TMPDIR/notexec"
	[ "$status" -eq 126 ]
	run "$SECCOMPCTL" run --builtin runtime-default
	[ "$status" -eq 2 ]
	[[ "$output" == *"give the command to run after --"* ]]
	run "$SECCOMPCTL" run -- true
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" run --builtin runtime-default --mode audit -- true
	[ "$status" -eq 2 ]
}

@test "fail closed: a profile that cannot be read, resolved or compiled never starts the command" {
	d=$BATS_TEST_TMPDIR
	run "$SECCOMPCTL" run -p "$d/missing.json" -- touch "$d/ran"
	[ "$status" -eq 125 ]
	[[ "$output" == *"missing.json"* ]]
	[[ "$output" == *"was not run"* ]]
	printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [' >"$d/bad.json"
	run "$SECCOMPCTL" run -p "$d/bad.json" -- touch "$d/ran"
	[ "$status" -eq 125 ]
	[[ "$output" == *"bad.json:1:"* ]]
	printf '{"defaultAction": "SCMP_ACT_KILL_EVERYTHING"}' >"$d/bad2.json"
	run "$SECCOMPCTL" run -p "$d/bad2.json" -- touch "$d/ran"
	[ "$status" -eq 125 ]
	# too large for the kernel: 4097+ instructions
	python3 -c '
import json
rules=[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":i,"op":"SCMP_CMP_EQ"}]} for i in range(4000)]
print(json.dumps({"defaultAction":"SCMP_ACT_ALLOW","syscalls":rules}))' >"$d/big.json"
	run "$SECCOMPCTL" run -p "$d/big.json" -- touch "$d/ran"
	[ "$status" -eq 125 ]
	[[ "$output" == *"instructions"* ]]
	# SCMP_ACT_NOTIFY needs an agent run cannot stand in for
	printf '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}' >"$d/notify.json"
	run "$SECCOMPCTL" run -p "$d/notify.json" -- touch "$d/ran"
	[ "$status" -eq 125 ]
	[[ "$output" == *"SCMP_ACT_NOTIFY"* ]]
	[ ! -e "$d/ran" ]
}

@test "fail closed: seccomp() refusing the filter (no NO_NEW_PRIVS, no CAP_SYS_ADMIN) starts nothing" {
	command -v setpriv >/dev/null || skip "setpriv (util-linux) missing"
	d=$(mktemp -d /tmp/seccompctl-run.XXXXXX)
	chmod 0777 "$d"
	run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$SECCOMPCTL" run --keep-privs --builtin runtime-default -- touch "$d/ran"
	[ "$status" -eq 125 ]
	[[ "$output" == *"CAP_SYS_ADMIN"* ]]
	[ ! -e "$d/ran" ]
	# the same user with NO_NEW_PRIVS (the default) is fine
	run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$SECCOMPCTL" run --builtin runtime-default -- touch "$d/ran"
	[ "$status" -eq 0 ]
	[ -e "$d/ran" ]
	rm -rf "$d"
}

@test "ERRNO: the profile's errno, the same with and without --report" {
	p=$(deny_mkdir SCMP_ACT_ERRNO)
	run "$SECCOMPCTL" run -p "$p" -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 0 ]
	[[ "$output" == *"mkdirat=-1 errno=EPERM"* ]]
	jq '.syscalls[0].errnoRet = 13' "$p" >"$BATS_TEST_TMPDIR/q.json"
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/q.json" --report -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 1 ] # exit 0, but a denial was seen
	[[ "$output" == *"mkdirat=-1 errno=EACCES"* ]]
	[[ "$output" == *"-> ERRNO(EACCES)"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/x" ]
}

@test "KILL_PROCESS, KILL_THREAD, TRAP: killed by SIGSYS (159), with and without --report" {
	for act in SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_KILL SCMP_ACT_TRAP; do
		p=$(deny_mkdir $act)
		run "$SECCOMPCTL" run -p "$p" -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/x"
		echo "$act plain: $status"
		[ "$status" -eq 159 ]
		run "$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/x"
		echo "$act report: $status $output"
		[ "$status" -eq 159 ]
		[[ "$output" == *"denied mkdirat("* ]]
		[[ "$output" == *" sigsys "* ]]
		[ ! -e "$BATS_TEST_TMPDIR/x" ]
	done
}

@test "a program that catches SIGSYS: TRAP runs its handler; KILL cannot be caught (SIGKILL under --report)" {
	p=$(deny_mkdir SCMP_ACT_TRAP)
	run "$SECCOMPCTL" run -p "$p" -- "$RUNPROG" catch-sigsys "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 42 ]
	[[ "$output" == *"SIGSYS caught"* ]]
	run "$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" catch-sigsys "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 42 ]
	[[ "$output" == *"SIGSYS caught"* ]]
	p=$(deny_mkdir SCMP_ACT_KILL_PROCESS)
	run "$SECCOMPCTL" run -p "$p" -- "$RUNPROG" catch-sigsys "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 159 ] # the kernel's SIGSYS ignores the handler
	run "$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" catch-sigsys "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 137 ] # ours could be caught: SIGKILL instead (documented)
	[[ "$output" == *" sigkill "* ]]
	[[ "$output" != *"SIGSYS caught"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/x" ]
}

@test "threads: a denied call from a second thread is reported with its tid (TSYNC profile)" {
	p=$(deny_mkdir SCMP_ACT_ERRNO)
	jq '.flags = ["SECCOMP_FILTER_FLAG_TSYNC"]' "$p" >"$BATS_TEST_TMPDIR/t.json"
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/t.json" --report="$BATS_TEST_TMPDIR/r.jsonl" -- "$RUNPROG" thread
	[ "$status" -eq 1 ]
	[[ "$output" == *"mkdirat=-1 errno=EPERM"* ]]
	pid=$(sed -n 's/^main pid=//p' <<<"$output")
	tid=$(sed -n 's/^thread tid=\([0-9]*\).*/\1/p' <<<"$output")
	[ "$pid" != "$tid" ]
	jq -e --argjson pid "$pid" --argjson tid "$tid" \
		'select(.syscall == "mkdirat") | .pid == $pid and .tid == $tid and .taken == "errno"
		 and .why == "rule" and .rule.path == "syscalls[0]"' "$BATS_TEST_TMPDIR/r.jsonl"
}

@test "children are followed: a denied call in a grandchild is reported" {
	p=$(deny_mkdir SCMP_ACT_ERRNO)
	run "$SECCOMPCTL" run -p "$p" --report -- sh -c "sh -c '\"$RUNPROG\" mkdir \"$BATS_TEST_TMPDIR/x\"'"
	[ "$status" -eq 1 ]
	[[ "$output" == *"denied mkdirat("*"[pid "*" runprog]"* ]]
}

@test "an i386 call under an x86_64-only profile: the bad-arch action, and the report says so" {
	cat >"$BATS_TEST_TMPDIR/x64.json" <<'EOF2'
{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"], "syscalls": []}
EOF2
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/x64.json" -- "$RUNPROG" int80
	[ "$status" -eq 159 ]
	[[ "$output" == *"x86_64 getppid="* ]]
	[[ "$output" != *"i386 getpgrp="* ]]
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/x64.json" --report="$BATS_TEST_TMPDIR/r.jsonl" -- "$RUNPROG" int80
	[ "$status" -eq 159 ]
	[[ "$output" == *"ABI not in the filter's architectures"* ]]
	jq -e 'select(.syscall == "getpgrp") | .arch == "x86" and .why == "badarch"
		and .action == "KILL_THREAD" and .taken == "sigsys"' "$BATS_TEST_TMPDIR/r.jsonl"
	# listing the i386 ABI lets the call through
	jq '.architectures += ["SCMP_ARCH_X86"]' "$BATS_TEST_TMPDIR/x64.json" >"$BATS_TEST_TMPDIR/both.json"
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/both.json" --report -- "$RUNPROG" int80
	[ "$status" -eq 0 ]
	[[ "$output" == *"i386 getpgrp="* ]]
}

@test "the process exits while a thread's denied calls are held: no hang, its status" {
	p=$(deny_mkdir SCMP_ACT_ERRNO)
	run timeout 20 "$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" thread-exit "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 3 ]
}

@test "signals: kill -USR1 to seccompctl reaches the command; SIGINT ends it with 130 and a summary" {
	d=$BATS_TEST_TMPDIR
	p=$(deny_mkdir SCMP_ACT_ERRNO)
	"$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" wait-usr1 >"$d/out" 2>&1 &
	sc=$!
	for _ in $(seq 50); do grep -q ready "$d/out" && break; sleep 0.1; done
	kill -USR1 $sc
	wait $sc || st=$?
	[ "${st:-0}" -eq 5 ]
	grep -q "got SIGUSR1" "$d/out"
	"$SECCOMPCTL" run -p "$p" --report -- sleep 30 >"$d/out2" 2>&1 &
	sc=$!
	sleep 0.5
	kill -INT $sc
	st=0
	wait $sc || st=$?
	[ "$st" -eq 130 ]
	grep -q "0 calls denied" "$d/out2"
}

@test "the supervisor killed: the command does not go on without it" {
	d=$BATS_TEST_TMPDIR
	p=$(deny_mkdir SCMP_ACT_KILL_PROCESS)
	"$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" wait-usr1 >"$d/out" 2>&1 &
	sc=$!
	for _ in $(seq 50); do grep -q ready "$d/out" && break; sleep 0.1; done
	child=$(sed -n 's/^ready //p' "$d/out")
	[ -n "$child" ]
	kill -0 "$child"
	kill -KILL $sc
	for _ in $(seq 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
	! kill -0 "$child" 2>/dev/null
}

@test "--output json: the summary is one JSON document on stderr; --report FILE has JSON lines" {
	d=$BATS_TEST_TMPDIR
	run --separate-stderr "$SECCOMPCTL" --output json run -p "$LAB/minimal.json" --report "$d/r.jsonl" -- busybox sleep 1
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	tail -n1 <<<"$stderr" | jq -e '.schema == 1 and .command == "run" and .mode == "enforce"
		and (.denied | map(.syscall) | index("clock_nanosleep") != null) and .exit == 1'
	jq -se 'map(select(.syscall == "clock_nanosleep"))[0]
		| .why == "default" and .rule.path == "defaultAction" and .rule.line == 2
		  and .action == "ERRNO(EPERM)" and .arch == "x86_64" and .mode == "enforce"
		  and (.args | length) > 0 and (.comm | length) > 0' "$d/r.jsonl"
}

@test "the libseccomp backend gives the same answers" {
	run "$SECCOMPCTL" run --backend libseccomp -p "$LAB/minimal.json" --report -- busybox sleep 1
	[ "$status" -eq 1 ]
	[[ "$output" == *"denied clock_nanosleep("*"-> ERRNO(EPERM)"* ]]
	p=$(deny_mkdir SCMP_ACT_KILL_PROCESS)
	run "$SECCOMPCTL" run --backend libseccomp -p "$p" -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 159 ]
}

@test "allow-type actions are not reported: LOG passes, nothing denied" {
	p=$(deny_mkdir SCMP_ACT_LOG)
	run "$SECCOMPCTL" run -p "$p" --report -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/x"
	[ "$status" -eq 0 ]
	[[ "$output" == *"0 calls denied"* ]]
	[ -d "$BATS_TEST_TMPDIR/x" ]
}

@test "the ENOSYS stub as runc loads it, and --enosys none" {
	cat >"$BATS_TEST_TMPDIR/e.json" <<'EOF2'
{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["execve", "brk", "arch_prctl", "set_tid_address", "exit_group", "write", "mmap", "read", "close", "openat", "newfstatat", "fstat", "mprotect", "munmap", "pread64", "access", "prlimit64", "getrandom", "rseq", "set_robust_list", "rt_sigaction", "rt_sigprocmask", "getpid", "mkdirat"], "action": "SCMP_ACT_ALLOW"}]}
EOF2
	# mkdirat is allowed; a call above the highest named number gets ENOSYS from runc's stub
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/e.json" --report -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/y"
	[[ "$output" == *"mkdirat=0"* ]]
	run "$SECCOMPCTL" run -p "$BATS_TEST_TMPDIR/e.json" --enosys none --report -- "$RUNPROG" mkdir "$BATS_TEST_TMPDIR/z"
	[[ "$output" == *"mkdirat=0"* ]]
	[[ "$output" != *"ENOSYS stub"* ]]
}

@test "help run documents the options and the exit codes" {
	run "$SECCOMPCTL" help run
	[ "$status" -eq 0 ]
	[[ "$output" == *"--mode"* && "$output" == *"--report"* && "$output" == *"--suggest"* ]]
	[[ "$output" == *"125"* && "$output" == *"126"* && "$output" == *"127"* ]]
}
