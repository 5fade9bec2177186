#!/usr/bin/env bats
# seccompctl diff: two profiles compared call by call per ABI, with the
# verdicts runc would give.  Most calls name --arch x86_64 so the numbers
# hold on any host.

load common

setup() {
	TMP=$BATS_TEST_TMPDIR
}

# personality allowed for persona 0 (A) or for 0 and 8 (B): the same
# answer with arguments 0, different conditional entries.
persona_pair() {
	cat >"$TMP/pa.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"},
	  {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]}]}
	J
	cat >"$TMP/pb.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"},
	  {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]},
	  {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]}]}
	J
}

@test "lab: too-restrictive vs minimal: what minimal allows and too-restrictive does not" {
	run "$SECCOMPCTL" diff --arch x86_64 "$LAB/too-restrictive.json" "$LAB/minimal.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"A  $LAB/too-restrictive.json"* ]]
	[[ "$output" == *"x86_64: "*" calls, A allows 4, B allows "* ]]
	# aligned rows: name, number, A's verdict, B's
	echo "$output" | grep -Eq '^  openat +257  ERRNO\(ENOSYS\) +ALLOW$'
	echo "$output" | grep -Eq '^  close +3  ERRNO\(EPERM\) +ALLOW$'
	# read/write/exit/exit_group are allowed by both: not listed
	! echo "$output" | grep -Eq '^  (read|write|exit_group) '
	[[ "$output" == *"calls differ on x86_64 (A allows 0 that B denies, B allows "*" that A denies"* ]]
}

@test "identical profiles: exit 0, and a file equals its builtin" {
	run "$SECCOMPCTL" diff "$LAB/minimal.json" "$LAB/minimal.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"no difference on x86_64"* ]]
	[[ "$output" == *"no difference on x86 "* ]]
	[[ "$output" == *"no difference on x32"* ]]
	run "$SECCOMPCTL" diff "$LAB/deny-dangerous.json" --builtin deny-dangerous
	[ "$status" -eq 0 ]
	[[ "$output" == *"B  builtin:deny-dangerous"* ]]
	run "$SECCOMPCTL" diff --builtin-a runtime-default --builtin-b runtime-default
	[ "$status" -eq 0 ]
}

@test "fmt does not change the meaning of the lab's profiles: diff with the canonical form is empty" {
	for f in "$LAB"/*.json; do
		"$SECCOMPCTL" fmt "$f" >"$TMP/c.json"
		run "$SECCOMPCTL" diff -q "$f" "$TMP/c.json"
		[ "$status" -eq 0 ] || { echo "$f: $output"; false; }
	done
}

@test "conditional: same answer for arguments 0, different entries: a difference, both shown" {
	persona_pair
	run "$SECCOMPCTL" diff --arch x86_64 "$TMP/pa.json" "$TMP/pb.json"
	[ "$status" -eq 1 ]
	echo "$output" | grep -Eq '^  personality +135  ALLOW conditional +ALLOW conditional$'
	[[ "$output" == *"A: ALLOW when args[0] == 0x0"* ]]
	[[ "$output" == *"B: ALLOW when args[0] == 0x0; ALLOW when args[0] == 0x8"* ]]
	[[ "$output" == *"1 call differ on x86_64 (A allows 0 that B denies, B allows 0 that A denies, 1 denied differently or under other conditions)"* ]]
	# the same entries in another order, split as runc splits them: no difference
	cat >"$TMP/pc.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["personality"],"action":"SCMP_ACT_ALLOW",
	   "args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"},{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]},
	  {"names":["read"],"action":"SCMP_ACT_ALLOW"}]}
	J
	run "$SECCOMPCTL" diff --arch x86_64 "$TMP/pb.json" "$TMP/pc.json"
	[ "$status" -eq 0 ]
}

@test "--output json: schema 1, both verdicts, counts per side" {
	run "$SECCOMPCTL" --output json diff --arch x86_64 "$LAB/deny-dangerous.json" "$LAB/audit.json"
	[ "$status" -eq 1 ]
	[ "$(jq -r '.schema, .command, .a, .enosys' <<<"$output" | tr '\n' ' ')" = "1 diff $LAB/deny-dangerous.json runc " ]
	[ "$(jq -c '.arches[0].differ[] | select(.syscall=="mount") | [.nr, .a.action, .a.errno, .a.conditional, .b.action, .b.errno]' <<<"$output")" = '[165,"ERRNO","EPERM",false,"LOG",null]' ]
	[ "$(jq '.arches[0] | .a_only_allowed' <<<"$output")" -eq 0 ]
	# audit logs everything: it allows every call deny-dangerous denies
	[ "$(jq '.arches[0] | .b_only_allowed == (.b_allowed - .a_allowed)' <<<"$output")" = true ]
	[ "$(jq '.arches[0] | .differ | length' <<<"$output")" -eq "$(jq '.differ' <<<"$output")" ]
}

@test "the issue's check: a profile allows at most 30% of what runtime-default allows" {
	run "$SECCOMPCTL" --output json diff --arch x86_64 "$LAB/too-restrictive.json" --builtin runtime-default
	[ "$status" -eq 1 ]
	[ "$(jq -r '.b' <<<"$output")" = "builtin:runtime-default" ]
	[ "$(jq '.arches[0] | .a_allowed * 10 <= .b_allowed * 3' <<<"$output")" = true ]
	run "$SECCOMPCTL" --output json diff --arch x86_64 "$LAB/deny-dangerous.json" --builtin runtime-default
	[ "$(jq '.arches[0] | .a_allowed * 10 <= .b_allowed * 3' <<<"$output")" = false ]
}

@test "--enosys: both sides get the same stub; none leaves only the allow differences" {
	run "$SECCOMPCTL" diff -q --arch x86_64 "$LAB/too-restrictive.json" "$LAB/minimal.json"
	[ "$status" -eq 1 ]
	[[ "$output" == *"denied differently"* ]]
	run "$SECCOMPCTL" diff -q --arch x86_64 --enosys none "$LAB/too-restrictive.json" "$LAB/minimal.json"
	[ "$status" -eq 1 ]
	[[ "$output" != *"denied differently"* ]]
	[ "$(echo "$output" | wc -l)" -eq 1 ]
	run "$SECCOMPCTL" diff --enosys bogus "$LAB/minimal.json" "$LAB/minimal.json"
	[ "$status" -eq 2 ]
}

@test "an arch one side does not list: every call gets the bad-arch action there" {
	run "$SECCOMPCTL" diff -q --arch x86 "$LAB/too-restrictive.json" "$LAB/minimal.json"
	[ "$status" -eq 1 ]
	run "$SECCOMPCTL" --output json diff --arch x86 "$LAB/too-restrictive.json" "$LAB/minimal.json"
	[ "$(jq -r '[.arches[0].differ[].a.action] | unique | .[]' <<<"$output")" = KILL_THREAD ]
	[ "$(jq '.arches[0].a_allowed' <<<"$output")" -eq 0 ]
}

@test "--caps resolves includes/excludes on both sides" {
	cat >"$TMP/caps.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"},
	  {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}}]}
	J
	cat >"$TMP/nocaps.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}
	J
	run "$SECCOMPCTL" diff -q --arch x86_64 "$TMP/caps.json" "$TMP/nocaps.json"
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" diff --arch x86_64 --caps CAP_SYS_ADMIN "$TMP/caps.json" "$TMP/nocaps.json"
	[ "$status" -eq 1 ]
	echo "$output" | grep -Eq '^  mount +165  ALLOW +ERRNO\(EPERM\)$'
}

@test "bad input: exit 2 with FILE:LINE:COL, and a JSON error under --output json" {
	run "$SECCOMPCTL" diff "$REPO/tests/fixtures/malformed/comment-line.json" --builtin minimal
	[ "$status" -eq 2 ]
	[[ "$output" == *"comment-line.json:2:3: expected a string key"* ]]
	run "$SECCOMPCTL" --output json diff "$LAB/minimal.json" "$REPO/tests/fixtures/malformed/trailing-comma.json"
	[ "$status" -eq 2 ]
	[ "$(grep '^{' <<<"$output" | jq -r '.error.line, .error.column' | tr '\n' ' ')" = "4 32 " ]
	run "$SECCOMPCTL" diff "$LAB/minimal.json" "$TMP/does-not-exist.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"does-not-exist.json"* ]]
}

@test "usage: two profiles, known builtins, exact options" {
	run "$SECCOMPCTL" diff "$LAB/minimal.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"give two profiles"* ]]
	run "$SECCOMPCTL" diff "$LAB/minimal.json" "$LAB/minimal.json" "$LAB/audit.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" diff "$LAB/minimal.json" --builtin no-such
	[ "$status" -eq 2 ]
	[[ "$output" == *"no builtin profile 'no-such'"* ]]
	run "$SECCOMPCTL" diff "$LAB/minimal.json" "$LAB/audit.json" --builtin minimal
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" diff --arc x86_64 "$LAB/minimal.json" "$LAB/minimal.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" diff --arch vax "$LAB/minimal.json" "$LAB/minimal.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" --output sarif diff "$LAB/minimal.json" "$LAB/minimal.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" help diff
	[ "$status" -eq 0 ]
	[[ "$output" == *"--builtin-a NAME"* ]]
}
