#!/usr/bin/env bats
# seccompctl disasm: listing, JSON, the kernel's checks, and files that are
# no program.

load common

setup() {
	prog=$BATS_TEST_TMPDIR/min.bpf
	"$SECCOMPCTL" compile "$LAB/minimal.json" -o "$prog"
}

@test "lists a program with labels, fields, syscall and action names" {
	run "$SECCOMPCTL" disasm "$prog"
	[ "$status" -eq 0 ]
	[[ "$output" == *"ld   [4]"*"; arch"* ]]
	[[ "$output" == *"jeq  #0xc000003e"*"; x86_64"* ]]
	[[ "$output" == *"ld   [0]"*"; nr"* ]]
	[[ "$output" == *"ERRNO(EPERM)"* ]]
	[[ "$output" == *"ALLOW"* ]]
	[[ "$output" == *"L0004:"* ]]
}

@test "reads stdin; --arch names the numbers" {
	run "$SECCOMPCTL" disasm --arch x86_64 - <"$prog"
	[ "$status" -eq 0 ]
	[[ "$output" == *"; x86_64"* ]]
}

@test "--output json: one object per instruction, valid, schema 1" {
	"$SECCOMPCTL" --output json disasm "$prog" >"$BATS_TEST_TMPDIR/d.json"
	jq -e '.schema == 1 and .valid == true' "$BATS_TEST_TMPDIR/d.json"
	jq -e '.length == (.instructions | length)' "$BATS_TEST_TMPDIR/d.json"
	jq -e '.length * 8 == '"$(stat -c %s "$prog")" "$BATS_TEST_TMPDIR/d.json"
	jq -e '.instructions[0] | .op == "ld" and .field == "arch" and .k == 4' "$BATS_TEST_TMPDIR/d.json"
	jq -e '[.instructions[] | select(.op == "ret")] | length > 0' "$BATS_TEST_TMPDIR/d.json"
}

@test "a program the kernel would refuse is listed, with the reason, exit 1" {
	# jeq #0 jumping 9 ahead in a two-instruction program
	printf '\x15\x00\x09\x00\x00\x00\x00\x00\x06\x00\x00\x00\x00\x00\xff\x7f' \
		>"$BATS_TEST_TMPDIR/bad.bpf"
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/bad.bpf"
	[ "$status" -eq 1 ]
	[[ "$output" == *"jeq"* ]]
	[[ "$output" == *"the kernel would refuse this program"*"jump target"* ]]
	run "$SECCOMPCTL" --output json disasm "$BATS_TEST_TMPDIR/bad.bpf"
	[ "$status" -eq 1 ]
	[ "$(jq -r .valid <<<"$output")" = false ]
	[[ "$(jq -r .error <<<"$output")" == *"jump target"* ]]
	# no final return
	printf '\x20\x00\x00\x00\x00\x00\x00\x00' >"$BATS_TEST_TMPDIR/noret.bpf"
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/noret.bpf"
	[ "$status" -eq 1 ]
}

@test "files that are no program: exit 2 and why" {
	: >"$BATS_TEST_TMPDIR/empty.bpf"
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/empty.bpf"
	[ "$status" -eq 2 ]
	[[ "$output" == *"empty"* ]]
	head -c 13 "$prog" >"$BATS_TEST_TMPDIR/odd.bpf"
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/odd.bpf"
	[ "$status" -eq 2 ]
	[[ "$output" == *"13 bytes"*"8-byte instructions"* ]]
	head -c 40000 /dev/zero >"$BATS_TEST_TMPDIR/big.bpf"
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/big.bpf"
	[ "$status" -eq 2 ]
	[[ "$output" == *"4096"* ]]
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/missing.bpf"
	[ "$status" -eq 2 ]
	[[ "$output" == *"missing.bpf"* ]]
	run "$SECCOMPCTL" disasm
	[ "$status" -eq 2 ]
}

@test "the base64 form is no raw program, and the message says so" {
	"$SECCOMPCTL" compile "$LAB/minimal.json" --format base64 >"$BATS_TEST_TMPDIR/b64"
	run "$SECCOMPCTL" disasm "$BATS_TEST_TMPDIR/b64"
	# 317 insns -> 3385 base64 chars: not a multiple of 8, or garbage opcodes
	[ "$status" -ne 0 ]
}
