#!/usr/bin/env bats
# Lint rules on syscall names and on starting the container:
# SCP017 SCP018 SCP019 SCP020 SCP022 SCP034 (src/profile/lint_names.c,
# src/profile/lint_startup.c).

load common
load lint_helper

# finding FILE ID [LINT ARGS...]: the first finding with that ID, as JSON
finding() {
	local f=$1 id=$2
	shift 2
	"$SECCOMPCTL" --output json lint "$@" "$f" |
		jq -c --arg id "$id" '[.files[].findings[] | select(.id == $id)][0] // empty'
}

@test "SCP017: names that are no syscall on any listed arch" {
	check_rule SCP017
}

@test "SCP018: allowed names missing on a listed arch without their replacement" {
	check_rule SCP018
}

@test "SCP019: calls glibc probes answered with EPERM" {
	check_rule SCP019
}

@test "SCP020: default ERRNO other than ENOSYS" {
	check_rule SCP020
}

@test "SCP022: allowlists the runtime cannot start a container under" {
	check_rule SCP022
}

@test "SCP034: legacy syscalls without what glibc 2.36 calls instead" {
	check_rule SCP034
}

@test "SCP017 typo: did-you-mean message at the name's path and position" {
	f=$FIXTURES/lint/SCP017/trigger-typo.json
	d=$(finding "$f" SCP017)
	[ -n "$d" ]
	[ "$(jq -r .severity <<<"$d")" = error ]
	[ "$(jq -r .path <<<"$d")" = 'syscalls[0].names[2]' ]
	[ "$(jq -r '"\(.line):\(.column)"' <<<"$d")" = 11:9 ]
	[[ "$(jq -r .message <<<"$d")" == 'unknown syscall "opne"; did you mean open? '*'allowlist silently denies it' ]]
	run "$SECCOMPCTL" lint "$f"
	[ "$status" -eq 1 ]
	[[ "$output" == *"trigger-typo.json:11:9: syscalls[0].names[2]: error SCP017: unknown syscall \"opne\"; did you mean open?"* ]]
}

@test "SCP017 pseudo-syscall: recv is not a syscall on x86_64, recvfrom is" {
	d=$(finding "$FIXTURES/lint/SCP017/trigger-pseudo-recv.json" SCP017)
	[ "$(jq -r .path <<<"$d")" = 'syscalls[0].names[2]' ]
	[ "$(jq -r '"\(.line):\(.column)"' <<<"$d")" = 11:9 ]
	msg=$(jq -r .message <<<"$d")
	[[ "$msg" == *'"recv" is not a syscall on x86_64: libc implements recv() with recvfrom;'* ]]
	[[ "$msg" == *'so this rule allows nothing and recv() fails: recvfrom is not allowed' ]]
	[ "$(jq -r .hint <<<"$d")" = "name recvfrom instead" ]
}

@test "SCP017 in a denylist: the denied name is silently allowed" {
	d=$(finding "$FIXTURES/lint/SCP017/trigger-denylist-umount.json" SCP017)
	msg=$(jq -r .message <<<"$d")
	[[ "$msg" == *'libc implements umount() with umount2'* ]]
	[[ "$msg" == *'so this rule blocks nothing: umount() stays allowed through umount2' ]]
}

@test "SCP022 on the lab's too-restrictive profile: error at defaultAction, exit 1" {
	f=$LAB/too-restrictive.json
	run "$SECCOMPCTL" lint "$f"
	[ "$status" -eq 1 ]
	[[ "$output" == *"too-restrictive.json:2:20: defaultAction: error SCP022: execve is not allowed"* ]]
	out=$("$SECCOMPCTL" --output json lint "$f") || true
	runc=$(jq -r '.files[0].findings[] | select(.id == "SCP022" and (.message | startswith("runc "))) | .message' <<<"$out")
	crun=$(jq -r '.files[0].findings[] | select(.id == "SCP022" and (.message | startswith("crun "))) | .message' <<<"$out")
	[[ "$runc" == "runc 1.1.5 calls capget, capset, chdir, close, faccessat2 (or faccessat), fstat, fstatfs, futex, getcwd, getdents64, getppid, newfstatat, openat, prctl, setgid, setgroups, setuid itself after loading the filter"* ]]
	[[ "$crun" == "crun 1.8.1 calls capset, prctl, rt_sigaction, rt_sigprocmask, setresgid, setresuid itself after loading the filter"* ]]
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP022") | .severity == "error"] | all' <<<"$out")" = true ]
	[ "$(jq -r '[.files[0].findings[] | select(.id == "SCP022")][0].hint' <<<"$out")" != null ]
	# one runtime only
	out=$("$SECCOMPCTL" --output json lint --runtime crun "$f") || true
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP022" and (.message | startswith("runc ")))] | length' <<<"$out")" = 0 ]
}

@test "SCP022: the lab's minimal profile starts under runc and crun (faccessat stands in for faccessat2)" {
	out=$("$SECCOMPCTL" --output json lint "$LAB/minimal.json") || true
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP022")] | length' <<<"$out")" = 0 ]
}

@test "SCP022: the lab's nginx profile lacks what both runtimes call" {
	out=$("$SECCOMPCTL" --output json lint "$LAB/nginx.json") || true
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP022" and .severity == "error")] | length' <<<"$out")" = 2 ]
}

@test "the containers' default profile (builtin runtime-default) has no errors and none of these findings" {
	out=$("$SECCOMPCTL" --output json lint --builtin runtime-default) || true
	[ "$(jq .summary.errors <<<"$out")" = 0 ]
	[ "$(jq '[.files[].findings[] | select(.id | IN("SCP017", "SCP018", "SCP019", "SCP020", "SCP022", "SCP034"))] | length' <<<"$out")" = 0 ]
}

@test "SCP019 and runc's ENOSYS stub: EPERM only for numbers at or below the highest one named" {
	d=$FIXTURES/lint/SCP019
	# nothing above exit_group (231) is named: runc answers clone3 with ENOSYS, crun with EPERM
	out=$("$SECCOMPCTL" --output json lint --runtime runc "$d/clean-runc-stub.json") || true
	[ "$(jq '[.files[0].findings[] | select(.id == "SCP019")] | length' <<<"$out")" = 0 ]
	msg=$(finding "$d/clean-runc-stub.json" SCP019 --runtime crun | jq -r .message)
	[[ "$msg" == "6 calls that glibc falls back from only on ENOSYS get EPERM from the default action: clone3, faccessat2, statx, getrandom, preadv2, pwritev2 [crun]"* ]]
	msg=$(finding "$d/clean-runc-stub.json" SCP019 | jq -r .message)
	[[ "$msg" == *"clone3, faccessat2, statx, getrandom, preadv2, pwritev2 [crun only: runc's stub answers ENOSYS]"* ]]
	# process_mrelease (448) lifts the stub above clone3 (435)
	msg=$(finding "$d/trigger-runc-named-above.json" SCP019 --runtime runc | jq -r .message)
	[[ "$msg" == *"clone3 [runc on x86_64: 435 <= 448 process_mrelease]"* ]]
}
