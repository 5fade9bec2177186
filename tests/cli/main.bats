#!/usr/bin/env bats
# Global options, help, version, exit codes.

load common

@test "no command prints usage and exits 2" {
	run "$SECCOMPCTL"
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage:"* ]]
}

@test "unknown command exits 2 and lists the commands" {
	run "$SECCOMPCTL" frob
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown command 'frob'"* ]]
	[[ "$output" == *"lint"* ]]
}

@test "commands are matched exactly, no prefix guessing" {
	run "$SECCOMPCTL" lin
	[ "$status" -eq 2 ]
}

@test "global options work before and after the command" {
	a=$("$SECCOMPCTL" --output json profiles list)
	b=$("$SECCOMPCTL" profiles list --output json)
	c=$("$SECCOMPCTL" profiles --output=json list)
	[ "$a" = "$b" ] && [ "$b" = "$c" ]
}

@test "bad --output value exits 2" {
	run "$SECCOMPCTL" --output yaml profiles list
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown output format 'yaml'"* ]]
	run "$SECCOMPCTL" fmt --output json "$LAB/audit.json"
	[ "$status" -eq 2 ]
}

@test "help lists commands; help CMD shows usage; help --man is roff" {
	run "$SECCOMPCTL" help
	[ "$status" -eq 0 ]
	[[ "$output" == *"check"*"lint"*"fmt"*"profiles"* ]]
	run "$SECCOMPCTL" help lint
	[ "$status" -eq 0 ]
	[[ "$output" == *"usage: seccompctl lint"* ]]
	[[ "$output" == *"SCP034"* ]]
	run "$SECCOMPCTL" help --man lint
	[[ "$output" == ".TH SECCOMPCTL-lint 1"* ]]
	run "$SECCOMPCTL" help nope
	[ "$status" -eq 2 ]
}

@test "every command answers --help" {
	for c in lint fmt profiles; do
		run "$SECCOMPCTL" "$c" --help
		[ "$status" -eq 0 ]
		[[ "$output" == *"usage: seccompctl $c"* ]]
	done
}

@test "version prints the version" {
	run "$SECCOMPCTL" version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^seccompctl\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	run "$SECCOMPCTL" --version
	[ "$status" -eq 0 ]
}

@test "no colour escapes in pipes or under NO_COLOR" {
	run "$SECCOMPCTL" lint "$LAB/too-restrictive.json"
	! grep -q $'\033' <<<"$output"
}

@test "man pages are generated for every command" {
	d=$(dirname "$SECCOMPCTL")/docs/man
	[ -d "$d" ] || skip "not a meson build dir"
	for c in check lint fmt profiles demo; do
		[ -s "$d/seccompctl-$c.1" ]
		man -l "$d/seccompctl-$c.1" >/dev/null 2>&1 || [ ! -x /usr/bin/man ]
	done
}

@test "demo walks the lab and exits 0" {
	run "$SECCOMPCTL" demo
	[ "$status" -eq 0 ]
	[[ "$output" == *"Part 1.1"* ]]
	[[ "$output" == *"SCP022"* ]]
	# Part 4: the lab's profile compiled, both backends side by side
	[[ "$output" == *"native backend:"*"instructions"*"libseccomp backend:"* ]]
	# Part 4: the blocked calls explained, the program agreeing
	[[ "$output" == *"mount() on x86_64"*"syscalls[0]"*"SCMP_ACT_ERRNO for mount"* ]]
	[[ "$output" == *"clock_nanosleep() on x86_64"*"ERRNO(EPERM)"*"defaultAction"* ]]
	[[ "$output" != *"disagree"* ]]
	# Parts 4-6 for real: run --report names the calls, complain mode and the fix
	[[ "$output" == *"denied mount("*"syscalls[0] (builtin:deny-dangerous:9:5)"* ]]
	[[ "$output" == *"denied clock_nanosleep("*"defaultAction (builtin:minimal:2:20)"* ]]
	[[ "$output" == *"denied execve("*"cannot execute"* ]]
	[[ "$output" == *"would deny"*"fixed.json: "*" calls added"* ]]
	[[ "$output" == *"0 calls denied by /tmp/seccompctl-demo."*"/fixed.json"* ]]
	# Challenge 1: record, run under the recording, compare with the default
	[[ "$output" == *"Challenge 1"*"distinct calls"*"0 calls denied by /tmp/seccompctl-demo."*"/ls.json"*"calls differ on x86_64 (A allows 0 that B denies"* ]]
	[[ "$output" == *"demo done"* ]]
}

@test "long options match exactly: abbreviations are refused" {
	run "$SECCOMPCTL" lint --stri "$LAB/audit.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown option '--stri' (did you mean '--strict'?)"* ]]
	run "$SECCOMPCTL" fmt --chec "$LAB/audit.json"
	[ "$status" -eq 2 ]
}

@test "missing option values and stray values are usage errors" {
	run "$SECCOMPCTL" lint "$LAB/audit.json" --runtime
	[ "$status" -eq 2 ]
	[[ "$output" == *"--runtime needs a value"* ]]
	run "$SECCOMPCTL" lint --strict=yes "$LAB/audit.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--strict takes no value"* ]]
}

@test "options may follow the file names" {
	run "$SECCOMPCTL" lint "$LAB/audit.json" --strict
	[ "$status" -eq 1 ]
}
