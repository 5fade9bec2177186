#!/usr/bin/env bats
# seccompctl lint: the structure rules (src/profile/lint_structure.c).
# Fixtures: tests/fixtures/lint/<ID>/ (see lint_helper.bash).

load lint_helper

setup() {
	export NO_COLOR=1
	TMP=$BATS_TEST_TMPDIR
}

# finding FILE ID [ARGS...]: the first finding with that ID, as compact JSON
finding() {
	local f=$1 id=$2
	shift 2
	"$SECCOMPCTL" --output json lint "$@" "$f" |
		jq -c --arg id "$id" '[.files[].findings[] | select(.id == $id)][0]'
}

@test "SCP006: Docker-only keys (archMap, includes, excludes, name)" { check_rule SCP006; }
@test "SCP007: NOTIFY without listenerPath, as default, or on write" { check_rule SCP007; }
@test "SCP008: one syscall given different actions" { check_rule SCP008; }
@test "SCP009: repeated argument index" { check_rule SCP009; }
@test "SCP010: MASKED_EQ operands and ignored valueTwo" { check_rule SCP010; }
@test "SCP011: conditions on pointer arguments" { check_rule SCP011; }
@test "SCP012: values above 32 bits with a 32-bit ABI" { check_rule SCP012; }
@test "SCP013: socket/ipc conditions where socketcall/ipc multiplex" { check_rule SCP013; }
@test "SCP014: rules that do nothing" { check_rule SCP014; }
@test "SCP015: mixed-endian architecture list" { check_rule SCP015; }
@test "SCP016: x86_64 without x86/x32, aarch64 without arm" { check_rule SCP016; }
@test "SCP029: KILL / KILL_THREAD" { check_rule SCP029; }
@test "SCP030: TRACE and NOTIFY" { check_rule SCP030; }
@test "SCP032: actions and flags newer than --min-kernel" { check_rule SCP032; }
@test "SCP033: flags omitted (info), flags under runc 1.1 (warning)" { check_rule SCP033; }

@test "SCP009 names the entry's conditions that become ORed, at the repeated argument" {
	d=$(finding "$FIXTURES/lint/SCP009/trigger-range.json" SCP009)
	[ "$(jq -r .path <<<"$d")" = "syscalls[1].args[1]" ]
	[ "$(jq -r .severity <<<"$d")" = warning ]
	[ "$(jq -r '"\(.line):\(.column)"' <<<"$d")" = "8:15" ]
	jq -r .message <<<"$d" | grep -qF 'arg0 >= 1 OR arg0 <= 10 OR arg1 != 3'
}

@test "SCP008: the first unconditional rule wins (warning); EEXIST is an error" {
	d=$(finding "$FIXTURES/lint/SCP008/trigger-unconditional.json" SCP008)
	[ "$(jq -r .path <<<"$d")" = "syscalls[1].names[0]" ]
	[ "$(jq -r .severity <<<"$d")" = warning ]
	msg=$(jq -r .message <<<"$d")
	grep -qF '"personality" gets SCMP_ACT_ERRNO(1) here but SCMP_ACT_ALLOW in syscalls[0]' <<<"$msg"
	grep -qF 'keeps the first unconditional rule' <<<"$msg"
	# Same conditions, different actions: libseccomp refuses (EEXIST).
	d=$(finding "$FIXTURES/lint/SCP008/trigger-same-conditions.json" SCP008)
	[ "$(jq -r .path <<<"$d")" = "syscalls[2].names[0]" ]
	[ "$(jq -r .severity <<<"$d")" = error ]
	jq -r .message <<<"$d" | grep -qF 'arg0 == 16'
	jq -r .message <<<"$d" | grep -qF 'EEXIST'
}

@test "SCP008 ignores a rule with the default action (runc drops it) and SCP014 says so" {
	out=$(lint_findings "$FIXTURES/lint/SCP008/clean-default-action-dropped.json")
	[ -z "$(grep '^SCP008 ' <<<"$out")" ]
	grep -qx 'SCP014 info syscalls\[1\].action' <<<"$out"
}

@test "SCP010: swapped MASKED_EQ operands are an error with the libseccomp reading and a hint" {
	d=$(finding "$FIXTURES/lint/SCP010/trigger-masked-swapped.json" SCP010)
	[ "$(jq -r .path <<<"$d")" = "syscalls[1].args[0]" ]
	[ "$(jq -r .severity <<<"$d")" = error ]
	jq -r .message <<<"$d" | grep -qF '(arg0 & 0) == 0x7e020000 can never hold'
	jq -r .hint <<<"$d" | grep -qF 'swapped'
}

@test "SCP016: text output points at the x86_64 entry and phrases the denylist case" {
	run "$SECCOMPCTL" lint "$FIXTURES/lint/SCP016/trigger-denylist.json"
	line=$(grep 'SCP016' <<<"$output")
	grep -qE 'trigger-denylist\.json:3:[0-9]+: architectures\[0\]: warning SCP016: ' <<<"$line"
	grep -qF 'SCMP_ARCH_X86_64 is listed without SCMP_ARCH_X86 and SCMP_ARCH_X32' <<<"$line"
	grep -qF 'although this denylist means to let them through' <<<"$line"
}

@test "SCP006 in an OCI config.json points under linux.seccomp" {
	jq '{ociVersion: "1.0.2", linux: {seccomp: .}}' \
		"$FIXTURES/lint/SCP006/trigger-archmap.json" >"$TMP/config.json"
	d=$(finding "$TMP/config.json" SCP006)
	[ "$(jq -r .path <<<"$d")" = "linux.seccomp.archMap[0]" ]
	jq -r .message <<<"$d" | grep -qF 'containerd and the OCI runtimes (runc, crun) ignore it'
}

@test "SCP006 is reported once per key even when several targets are linted" {
	cat >"$TMP/p.json" <<-'EOF'
	{
	  "defaultAction": "SCMP_ACT_ERRNO",
	  "archMap": [
	    {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
	    {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
	  ],
	  "syscalls": [
	    {"names": ["read", "write", "exit_group", "execve"], "action": "SCMP_ACT_ALLOW"},
	    {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
	    {"names": ["bpf"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}}
	  ]
	}
	EOF
	out=$(lint_findings "$TMP/p.json")
	[ "$(grep -c '^SCP006 warning syscalls\[1\].includes$' <<<"$out")" -eq 1 ]
	[ "$(grep -c '^SCP006 warning archMap\[0\]$' <<<"$out")" -eq 1 ]
}

@test "the containers' default profile: no errors and no avalanche from these rules" {
	out=$(lint_findings "$BATS_TEST_DIRNAME/../../profiles/builtin/runtime-default.json")
	ids='^SCP0(0[6-9]|1[0-6]|29|30|32|33) '
	[ -z "$(grep -E "$ids" <<<"$out" | grep ' error ')" ]
	[ "$(grep -cE "$ids" <<<"$out")" -le 6 ]
}

@test "SCP012 says what libseccomp tests on the 32-bit ABIs" {
	d=$(finding "$FIXTURES/lint/SCP012/trigger-sign-extended.json" SCP012)
	[ "$(jq -r .path <<<"$d")" = "syscalls[1].args[0]" ]
	jq -r .message <<<"$d" | grep -qF 'for SCMP_ARCH_X86 and SCMP_ARCH_X32: it keeps only the low half there and tests arg0 == 0xffffffff'
	jq -r .hint <<<"$d" | grep -qF 'SCMP_CMP_MASKED_EQ with value 4294967295'
}

@test "SCP013 reads the same for every archMap target, so it is reported once per rule" {
	cat >"$TMP/p.json" <<-'EOF2'
	{
	  "defaultAction": "SCMP_ACT_ERRNO",
	  "archMap": [
	    {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
	    {"architecture": "SCMP_ARCH_S390X", "subArchitectures": ["SCMP_ARCH_S390"]}
	  ],
	  "syscalls": [
	    {"names": ["read", "write", "exit_group", "execve"], "action": "SCMP_ACT_ALLOW"},
	    {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
	    {"names": ["socket"], "action": "SCMP_ACT_ALLOW",
	     "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]}
	  ]
	}
	EOF2
	out=$(lint_findings "$TMP/p.json")
	[ "$(grep -c '^SCP013 warning syscalls\[2\].names\[0\]$' <<<"$out")" -eq 1 ]
}

@test "SCP031: compiled filter over 4096 instructions (error) or near it (warning)" {
	check_rule SCP031
}

@test "SCP031: the refusal says how big and which calls made it big" {
	run "$SECCOMPCTL" lint "$FIXTURES/lint/SCP031/trigger-over-4096.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"SCP031: the program would be"*"instructions, over the kernel's limit of 4096"* ]]
	[[ "$output" == *"prctl (350 entries"* ]]
	[[ "$output" == *"ioctl (350 entries"* ]]
}
