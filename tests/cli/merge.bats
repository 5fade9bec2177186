#!/usr/bin/env bats
# seccompctl merge: the union of profiles, proven on every syscall number
# before it is written; refusals leave the target untouched.

load common

setup() {
	TMP=$BATS_TEST_TMPDIR
}

# The calls (arch:name) `a` allows and `b` does not, from diff's JSON.
only_allowed() {
	"$SECCOMPCTL" --output json diff "$1" "$2" |
		jq -r '.arches[] | .arch as $a | .differ[] | select(.a.allowed and (.b.allowed | not)) | "\($a):\(.syscall)"' | sort
}

@test "lab: merge minimal and production, then diff the result against each input" {
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$LAB/production.json" -o "$TMP/m.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *"wrote $TMP/m.json: the union of 2 profiles"* ]]
	# merged vs an input: it allows exactly what the other input adds, and never less
	[ -z "$(only_allowed "$LAB/minimal.json" "$TMP/m.json")" ]
	[ -z "$(only_allowed "$LAB/production.json" "$TMP/m.json")" ]
	[ "$(only_allowed "$TMP/m.json" "$LAB/minimal.json")" = "$(only_allowed "$LAB/production.json" "$LAB/minimal.json")" ]
	[ "$(only_allowed "$TMP/m.json" "$LAB/production.json")" = "$(only_allowed "$LAB/minimal.json" "$LAB/production.json")" ]
	[ -n "$(only_allowed "$TMP/m.json" "$LAB/minimal.json")" ]
	# canonical: fmt leaves it as it is
	"$SECCOMPCTL" fmt "$TMP/m.json" | cmp - "$TMP/m.json"
	[ "$(jq -r .defaultAction "$TMP/m.json")" = SCMP_ACT_ERRNO ]
}

@test "merge with stdout, builtins as inputs, and a profile merged with itself" {
	run "$SECCOMPCTL" merge "$LAB/minimal.json" --builtin minimal
	[ "$status" -eq 0 ]
	jq -e . <<<"$output" >/dev/null
	printf '%s\n' "$output" >"$TMP/self.json"
	run "$SECCOMPCTL" diff "$TMP/self.json" "$LAB/minimal.json"
	[ "$status" -eq 0 ]
}

@test "allow wins: a call one input allows and another kills is allowed" {
	cat >"$TMP/a.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}
	J
	cat >"$TMP/b.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"},
	  {"names":["write","reboot"],"action":"SCMP_ACT_KILL_PROCESS"},
	  {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]}]}
	J
	run "$SECCOMPCTL" merge "$TMP/a.json" "$TMP/b.json" -o "$TMP/m.json"
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" explain --arch x86_64 "$TMP/m.json" write
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" explain -q --arch x86_64 "$TMP/m.json" reboot
	[ "$output" = KILL_PROCESS ]
	run "$SECCOMPCTL" explain -q --arch x86_64 "$TMP/m.json" personality 8
	[ "$output" = ALLOW ]
	run "$SECCOMPCTL" explain -q --arch x86_64 "$TMP/m.json" personality 0
	[ "$output" = "ERRNO(EPERM)" ]
}

@test "different default actions: refused with the way out, nothing written" {
	echo keep >"$TMP/out.json"
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$LAB/deny-dangerous.json" -o "$TMP/out.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"default actions differ: $LAB/minimal.json has ERRNO(EPERM), $LAB/deny-dangerous.json has ALLOW"* ]]
	[[ "$output" == *"--default-action"* ]]
	[ "$(cat "$TMP/out.json")" = keep ]
	# chosen: the union of minimal and deny-dangerous is deny-dangerous itself
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$LAB/deny-dangerous.json" --default-action SCMP_ACT_ALLOW -o "$TMP/out.json"
	[ "$status" -eq 0 ]
	run "$SECCOMPCTL" diff "$TMP/out.json" "$LAB/deny-dangerous.json"
	[ "$status" -eq 0 ]
	# and spelt out under an ERRNO default, the same calls get through
	run "$SECCOMPCTL" merge "$LAB/deny-dangerous.json" "$LAB/minimal.json" --default-action SCMP_ACT_ERRNO -o "$TMP/err.json"
	[ "$status" -eq 0 ]
	[ "$(jq -r .defaultAction "$TMP/err.json")" = SCMP_ACT_ERRNO ]
	[ -z "$(only_allowed "$TMP/err.json" "$LAB/deny-dangerous.json")" ]
	[ -z "$(only_allowed "$LAB/deny-dangerous.json" "$TMP/err.json")" ]
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$LAB/audit.json" --default-action SCMP_ACT_ERRN
	[ "$status" -eq 2 ]
	[[ "$output" == *"did you mean SCMP_ACT_ERRNO?"* ]]
}

@test "different architectures: refused, naming the arch and the fix" {
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$LAB/nginx.json" -o "$TMP/out.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$LAB/minimal.json lists SCMP_ARCH_X86 and $LAB/nginx.json does not"* ]]
	[[ "$output" == *"Give every input the same architectures"* ]]
	[ ! -e "$TMP/out.json" ]
}

@test "flags: TSYNC from any input, SPEC_ALLOW only when all ask" {
	cat >"$TMP/a.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],
	 "flags":["SECCOMP_FILTER_FLAG_TSYNC","SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
	 "syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}
	J
	cat >"$TMP/b.json" <<-'J'
	{"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"flags":[],
	 "syscalls":[{"names":["write"],"action":"SCMP_ACT_ALLOW"}]}
	J
	run "$SECCOMPCTL" merge "$TMP/a.json" "$TMP/b.json"
	[ "$status" -eq 0 ]
	[ "$(jq -c .flags <<<"$output")" = '["SECCOMP_FILTER_FLAG_TSYNC"]' ]
	[ "$(jq -c '.syscalls[0].names' <<<"$output")" = '["read","write"]' ]
}

@test "bad input: exit 2 with FILE:LINE:COL, the target untouched" {
	echo keep >"$TMP/out.json"
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$REPO/tests/fixtures/malformed/comment-line.json" -o "$TMP/out.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"comment-line.json:2:3: expected a string key"* ]]
	[ "$(cat "$TMP/out.json")" = keep ]
	run "$SECCOMPCTL" --output json merge "$LAB/minimal.json" "$REPO/tests/fixtures/malformed/trailing-comma.json"
	[ "$status" -eq 2 ]
	[ "$(grep '^{' <<<"$output" | jq -r '.command, .error.line, .error.column' | tr '\n' ' ')" = "merge 4 32 " ]
}

@test "--output json with -o: a note on stdout" {
	run "$SECCOMPCTL" --output json merge "$LAB/minimal.json" "$LAB/production.json" -o "$TMP/m.json"
	[ "$status" -eq 0 ]
	[ "$(jq -c '[.schema, .command, .output == "'"$TMP/m.json"'", (.inputs | length), .checked]' <<<"$output")" = '[1,"merge",true,2,true]' ]
}

@test "usage: two or more inputs, known builtins, exact options" {
	run "$SECCOMPCTL" merge "$LAB/minimal.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"give two or more profiles"* ]]
	run "$SECCOMPCTL" merge "$LAB/minimal.json" --builtin no-such
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" merge --defaul-action SCMP_ACT_ALLOW "$LAB/minimal.json" "$LAB/audit.json"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" merge "$LAB/minimal.json" "$LAB/audit.json" --default-action SCMP_ACT_NOTIFY
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" help merge
	[ "$status" -eq 0 ]
	[[ "$output" == *"Fail closed"* ]]
}
