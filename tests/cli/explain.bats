#!/usr/bin/env bats
# seccompctl explain: the action for one call, the rule that decided it, and
# the compiled program's answer next to it.  Most calls name --arch x86_64
# so the numbers hold on any host.

load common

# Docker's clone rule: namespace flags only with CAP_SYS_ADMIN (the mask is
# CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET).
docker_clone() {
	cat >"$BATS_TEST_TMPDIR/clone.json" <<'EOF'
{
  "defaultAction": "SCMP_ACT_ERRNO",
  "architectures": ["SCMP_ARCH_X86_64"],
  "syscalls": [
    {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
     "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
     "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
    {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_SYS_ADMIN"]}}
  ]
}
EOF
	echo "$BATS_TEST_TMPDIR/clone.json"
}

@test "lab 6.2: sleep exits at once under minimal: clock_nanosleep gets EPERM from the default" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin minimal clock_nanosleep
	[ "$status" -eq 1 ]
	[[ "$output" == *"clock_nanosleep() on x86_64, nr 230"* ]]
	[[ "$output" == *"action   ERRNO(EPERM)"* ]]
	[[ "$output" == *"why      defaultAction (builtin:minimal:2:20): SCMP_ACT_ERRNO; no entry names clock_nanosleep"* ]]
	[[ "$output" == *"ERRNO(EPERM) after "*" instructions — agrees"* ]]
}

@test "deny-dangerous: mount is denied by the first entry, with its JSON path and position" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin deny-dangerous mount
	[ "$status" -eq 1 ]
	[[ "$output" == *"why      syscalls[0] (builtin:deny-dangerous:9:5): SCMP_ACT_ERRNO for mount"* ]]
	# the same answer from the lab's file on disk
	run "$SECCOMPCTL" explain --arch x86_64 "$LAB/deny-dangerous.json" mount
	[ "$status" -eq 1 ]
	[[ "$output" == *"syscalls[0] ($LAB/deny-dangerous.json:9:5)"* ]]
}

@test "runtime-default: personality depends on its argument" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin runtime-default personality 0xffffffff
	[ "$status" -eq 0 ]
	[[ "$output" == *"action   ALLOW"* ]]
	[[ "$output" == *"syscalls[6] (builtin:runtime-default:545:3): SCMP_ACT_ALLOW for personality when args[0] == 0xffffffff"* ]]
	[[ "$output" == *"also     syscalls[2], syscalls[3], syscalls[4], syscalls[5] name personality"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --builtin runtime-default personality 0
	[ "$status" -eq 0 ]
	[[ "$output" == *"syscalls[2] (builtin:runtime-default:477:3)"*"args[0] == 0x0"* ]]
	# any other persona: no condition holds, so the default (ENOSYS here) answers
	run "$SECCOMPCTL" explain --arch x86_64 --builtin runtime-default personality 'PER_LINUX|ADDR_NO_RANDOMIZE'
	[ "$status" -eq 1 ]
	[[ "$output" == *"ADDR_NO_RANDOMIZE=0x40000"* ]]
	[[ "$output" == *"action   ERRNO(ENOSYS)"* ]]
	[[ "$output" == *"why      defaultAction"*"did not decide it"* ]]
}

@test "clone with CLONE_NEWUSER: blocked by Docker's rule unless CAP_SYS_ADMIN is in --caps" {
	p=$(docker_clone)
	run "$SECCOMPCTL" explain --arch x86_64 "$p" clone 'CLONE_NEWUSER|SIGCHLD'
	[ "$status" -eq 1 ]
	[[ "$output" == *"clone(CLONE_NEWUSER|SIGCHLD=0x10000011)"* ]]
	[[ "$output" == *"action   ERRNO(EPERM)"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 "$p" clone SIGCHLD
	[ "$status" -eq 0 ]
	[[ "$output" == *"syscalls[0]"*"args[0] & 0x7e020000 == 0x0"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --caps CAP_SYS_ADMIN "$p" clone 'CLONE_NEWUSER|SIGCHLD'
	[ "$status" -eq 0 ]
	[[ "$output" == *"why      syscalls[1]"* ]]
	# containers-common's runtime-default (our builtin) allows clone outright
	run "$SECCOMPCTL" explain --arch x86_64 --builtin runtime-default clone 'CLONE_NEWUSER|SIGCHLD'
	[ "$status" -eq 0 ]
	[[ "$output" == *"why      syscalls[1] "* ]]
}

@test "--caps replaces the capability set: bpf under runtime-default" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin runtime-default bpf
	[ "$status" -eq 1 ]
	[[ "$output" == *"why      syscalls[15] "*"SCMP_ACT_ERRNO for bpf"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --caps CAP_SYS_ADMIN --builtin runtime-default bpf
	[ "$status" -eq 0 ]
	[[ "$output" == *"why      syscalls[14] "*"SCMP_ACT_ALLOW for bpf"* ]]
}

@test "a number instead of a name, in decimal or hex" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin deny-dangerous 165
	[ "$status" -eq 1 ]
	[[ "$output" == *"mount() on x86_64, nr 165"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --builtin deny-dangerous 0xa5
	[ "$status" -eq 1 ]
	[[ "$output" == *"mount() on x86_64, nr 165"* ]]
}

@test "unnamed numbers: runc's ENOSYS stub, or the default with --enosys none" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin minimal 999
	[ "$status" -eq 1 ]
	[[ "$output" == *"action   ERRNO(ENOSYS)"* ]]
	[[ "$output" == *"ENOSYS for an unnamed number (runc's stub)"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --enosys none --builtin minimal 999
	[ "$status" -eq 1 ]
	[[ "$output" == *"action   ERRNO(EPERM)"* ]]
	[[ "$output" == *"number 999 has no name on x86_64"* ]]
}

@test "--enosys kernel=X.Y answers ENOSYS for what that kernel lacked" {
	run "$SECCOMPCTL" explain --arch x86_64 --enosys kernel=5.2 --builtin minimal clone3
	[ "$status" -eq 1 ]
	[[ "$output" == *"action   ERRNO(ENOSYS)"* ]]
	[[ "$output" == *"kernel 5.2 did not have clone3 (added in 5.3)"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --enosys kernel=5.3 --builtin minimal clone3
	[ "$status" -eq 1 ]
	[[ "$output" == *"action   ERRNO(EPERM)"* ]]
	run "$SECCOMPCTL" explain --enosys kernel=five --builtin minimal clone3
	[ "$status" -eq 2 ]
	# the release table starts at 3.17
	run "$SECCOMPCTL" explain --enosys kernel=3.10 --builtin minimal clone3
	[ "$status" -eq 2 ]
}

@test "x32 and i386 calls via --arch, from an x86_64 host" {
	run "$SECCOMPCTL" explain --arch x32 --builtin minimal getpid
	[ "$status" -eq 0 ]
	[[ "$output" == *"getpid() on x32, nr 1073741863 (0x40000027), from a x86_64 host"* ]]
	# an x32 number without the bit gets it
	run "$SECCOMPCTL" --output json explain --arch x32 --builtin minimal 39
	[ "$(jq -c .syscall <<<"$output")" = '{"name":"getpid","nr":1073741863,"arch":"x32","host":"x86_64","audit_arch":"0xc000003e"}' ]
	run "$SECCOMPCTL" explain --arch x86 --builtin deny-dangerous mount
	[ "$status" -eq 1 ]
	[[ "$output" == *"mount() on x86, nr 21, from a x86_64 host"* ]]
	[[ "$output" == *"syscalls[0]"* ]]
}

@test "an arch the profile does not list hits the bad-arch action" {
	run "$SECCOMPCTL" explain --arch x86 --builtin nginx getpid
	[ "$status" -eq 1 ]
	[[ "$output" == *"action   KILL_THREAD"* ]]
	[[ "$output" == *"arch not in the filter"* ]]
	[ "$("$SECCOMPCTL" --output json explain --arch x86 --builtin nginx getpid | jq -r .why)" = badarch ]
}

@test "arguments: negative numbers, octal, constants, and too many" {
	run "$SECCOMPCTL" explain --arch x86_64 --builtin runtime-default kill -1 9
	[ "$status" -eq 0 ]
	[[ "$output" == *"kill(0xffffffffffffffff, 0x9)"* ]]
	run "$SECCOMPCTL" --output json explain --arch x86_64 --builtin minimal openat 0 0 010 'O_RDONLY | O_CLOEXEC'
	[ "$(jq -c .args <<<"$output")" = "[0,0,8,$(printf '%d' 0x80000)]" ]
	run "$SECCOMPCTL" explain --builtin minimal clone CLONE_NEWUSR
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown constant 'CLONE_NEWUSR' (did you mean CLONE_NEWUSER?)"* ]]
	run "$SECCOMPCTL" explain --builtin minimal read 1 2 3 4 5 6 7
	[ "$status" -eq 2 ]
	[[ "$output" == *"at most 6 arguments"* ]]
	run "$SECCOMPCTL" explain --builtin minimal read 12abc
	[ "$status" -eq 2 ]
}

@test "unknown syscall: exit 2 with a suggestion; a name without a number there: exit 2" {
	run "$SECCOMPCTL" explain --builtin minimal clock_nanoslep
	[ "$status" -eq 2 ]
	[[ "$output" == *"unknown syscall 'clock_nanoslep' (did you mean clock_nanosleep?)"* ]]
	run "$SECCOMPCTL" explain --arch x86_64 --builtin minimal recv
	[ "$status" -eq 2 ]
	[[ "$output" == *"recv is not a syscall on x86_64"* ]]
}

@test "bad input: missing file, invalid JSON, unknown builtin, unknown arch, missing operands" {
	run "$SECCOMPCTL" explain "$BATS_TEST_TMPDIR/nope.json" read
	[ "$status" -eq 2 ]
	[[ "$output" == *"nope.json: cannot open"* ]]
	printf '{"defaultAction": "SCMP_ACT_ALLOW",\n "syscalls": [}\n' >"$BATS_TEST_TMPDIR/bad.json"
	run "$SECCOMPCTL" explain "$BATS_TEST_TMPDIR/bad.json" read
	[ "$status" -eq 2 ]
	[[ "$output" == *"bad.json:2:"* ]]
	run "$SECCOMPCTL" explain --builtin nosuch read
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" explain --arch vax --builtin minimal read
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" explain --builtin minimal
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" explain
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" explain --arc x86 --builtin minimal read
	[ "$status" -eq 2 ]
}

@test "--output json: schema 1, the verdict, the rule and the program" {
	run "$SECCOMPCTL" --output json explain --arch x86_64 --builtin deny-dangerous mount
	[ "$status" -eq 1 ]
	j=$output
	[ "$(jq .schema <<<"$j")" = 1 ]
	[ "$(jq -r .command <<<"$j")" = explain ]
	[ "$(jq -c .syscall <<<"$j")" = '{"name":"mount","nr":165,"arch":"x86_64","host":"x86_64","audit_arch":"0xc000003e"}' ]
	[ "$(jq -r '[.action, .errno, .why] | join(" ")' <<<"$j")" = "ERRNO EPERM rule" ]
	[ "$(jq .ret <<<"$j")" = $((0x00050001)) ]
	[ "$(jq -c .rule <<<"$j")" = '{"path":"syscalls[0]","file":"builtin:deny-dangerous","line":9,"col":5}' ]
	[ "$(jq .ambiguous <<<"$j")" = false ]
	[ "$(jq .allowed <<<"$j")" = false ]
	[ "$(jq -r '.program | [.backend, .action, .errno, .agrees] | join(" ")' <<<"$j")" = "native ERRNO EPERM true" ]
	[ "$(jq '.program.length > 0 and .program.executed > 0 and .program.executed <= .program.length' <<<"$j")" = true ]
	[ "$(jq '.program.ret == .ret' <<<"$j")" = true ]
	run "$SECCOMPCTL" --output json explain --arch x86_64 --builtin minimal clock_nanosleep
	[ "$(jq -r '.why + " " + .rule.path' <<<"$output")" = "default defaultAction" ]
	run "$SECCOMPCTL" --output json explain --arch x86_64 --builtin minimal 999
	[ "$(jq -r '.why + " " + .errno' <<<"$output")" = "enosys ENOSYS" ]
	[ "$(jq .rule <<<"$output")" = null ]
	[ "$(jq .syscall.name <<<"$output")" = null ]
}

@test "--output json: errors are JSON too, exit 2" {
	st=0
	out=$("$SECCOMPCTL" --output json explain "$BATS_TEST_TMPDIR/nope.json" read 2>/dev/null) || st=$?
	[ "$st" -eq 2 ]
	[ "$(jq -r .command <<<"$out")" = explain ]
	[[ "$(jq -r .error.message <<<"$out")" == *"cannot open"* ]]
	run "$SECCOMPCTL" --output sarif explain --builtin minimal read
	[ "$status" -eq 2 ]
}

@test "-q prints only the action" {
	run "$SECCOMPCTL" -q explain --arch x86_64 --builtin minimal read
	[ "$status" -eq 0 ]
	[ "$output" = ALLOW ]
	run "$SECCOMPCTL" -q explain --arch x86_64 --builtin minimal mount
	[ "$status" -eq 1 ]
	[ "$output" = "ERRNO(EPERM)" ]
}

@test "help explain documents the exit codes" {
	run "$SECCOMPCTL" help explain
	[ "$status" -eq 0 ]
	[[ "$output" == *"usage: seccompctl explain"* ]]
	[[ "$output" == *"0 the call is allowed"* ]]
	run "$SECCOMPCTL" explain --help
	[ "$status" -eq 0 ]
}
