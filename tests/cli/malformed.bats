#!/usr/bin/env bats
# Malformed input (tests/fixtures/malformed, expectations in its EXPECT
# table): `lint` and `fmt` refuse every file with exit 2, point at
# FILE:LINE:COL when a position applies, say what is wrong, and `--output
# json` stays valid JSON with "valid": false.  No input may crash or hang
# seccompctl: every call runs under `timeout 10` and no exit status may be
# 124 (timeout) or >= 128 (killed by a signal).

load common

MALFORMED="$BATS_TEST_DIRNAME/../fixtures/malformed"

setup() {
	TMP=$BATS_TEST_TMPDIR
}

# expect FILE: EXP_MSG and EXP_POS from the EXPECT row of FILE
expect() {
	local row
	row=$(awk -F'\t' -v f="$1" '$1 == f { print; exit }' "$MALFORMED/EXPECT")
	if [ -z "$row" ]; then
		echo "no EXPECT row for $1"
		return 1
	fi
	EXP_MSG=$(cut -f2 <<<"$row")
	EXP_POS=$(cut -f3 <<<"$row")
}

# run_safe CMD...: `run` under a timeout; fails on a hang or a signal.
run_safe() {
	run timeout 10 "$@"
	if [ "$status" -eq 124 ]; then
		echo "hung (timeout 10s): $*"
		return 1
	fi
	if [ "$status" -ge 128 ]; then
		echo "killed by signal $((status - 128)): $*"
		echo "$output"
		return 1
	fi
}

# has TEXT NEEDLE: fixed-string search, with the text shown on failure
has() {
	if ! grep -qF -- "$2" <<<"$1"; then
		echo "expected: $2"
		echo "in: $1"
		return 1
	fi
}

# check_malformed FILE [PATH]: lint (text and json) and fmt refuse it.
# PATH defaults to the fixture; the 10 MB test passes its generated file.
check_malformed() {
	local name=$1 path=${2:-"$MALFORMED/$1"}
	expect "$name"

	run_safe "$SECCOMPCTL" lint "$path"
	if [ "$status" -ne 2 ]; then
		echo "lint: exit $status, want 2: $output"
		return 1
	fi
	if [ "$EXP_POS" != - ]; then
		has "$output" "$path:$EXP_POS: "
	else
		has "$output" "$path: "
	fi
	has "$output" "$EXP_MSG"
	has "$output" "error SCP0"

	run_safe "$SECCOMPCTL" --output json lint "$path"
	[ "$status" -eq 2 ]
	jq -e . >/dev/null <<<"$output"
	[ "$(jq '.files | length' <<<"$output")" = 1 ]
	[ "$(jq '.files[0].valid' <<<"$output")" = false ]
	[ "$(jq '.summary.errors >= 1' <<<"$output")" = true ]
	if [ "$EXP_POS" != - ]; then
		[ "$(jq --argjson l "${EXP_POS%:*}" --argjson c "${EXP_POS#*:}" \
			'[.files[0].findings[] | select(.severity == "error" and .line == $l and .column == $c)] | length >= 1' \
			<<<"$output")" = true ]
	fi
	jq -r '.files[0].findings[] | "\(.message) \(.hint // "")"' <<<"$output" | grep -qF -- "$EXP_MSG"

	# fmt: the error on stderr, nothing on stdout
	local st=0 err
	timeout 10 "$SECCOMPCTL" fmt "$path" >"$TMP/fmt.out" 2>"$TMP/fmt.err" || st=$?
	err=$(cat "$TMP/fmt.err")
	if [ "$st" -ne 2 ]; then
		echo "fmt: exit $st, want 2: $err"
		return 1
	fi
	[ ! -s "$TMP/fmt.out" ]
	if [ "$EXP_POS" != - ]; then
		has "$err" "$path:$EXP_POS: "
	fi
	has "$err" "$EXP_MSG"
}

@test "malformed: truncated.json (unterminated string)" { check_malformed truncated.json; }
@test "malformed: bom.json (byte-order mark not allowed)" { check_malformed bom.json; }
@test "malformed: duplicate-key.json (duplicate key \"defaultAction\" (first at 2:3))" { check_malformed duplicate-key.json; }
@test "malformed: deep-nesting.json (nesting deeper than 64)" { check_malformed deep-nesting.json; }
@test "malformed: empty.json (empty input)" { check_malformed empty.json; }
@test "malformed: whitespace.json (empty input)" { check_malformed whitespace.json; }
@test "malformed: nul-byte.json (found byte 0x00)" { check_malformed nul-byte.json; }
@test "malformed: lone-surrogate.json (high surrogate not followed by a \\u low surrogate)" { check_malformed lone-surrogate.json; }
@test "malformed: trailing-comma.json (trailing comma before ']')" { check_malformed trailing-comma.json; }
@test "malformed: comment-line.json (expected a string key in double quotes, found '/')" { check_malformed comment-line.json; }
@test "malformed: comment-block.json (comments are not allowed in JSON)" { check_malformed comment-block.json; }
@test "malformed: single-quotes.json (expected a string key in double quotes, found ''')" { check_malformed single-quotes.json; }
@test "malformed: nan.json (expected a JSON value, found 'N')" { check_malformed nan.json; }
@test "malformed: leading-zero.json (leading zero in a number)" { check_malformed leading-zero.json; }
@test "malformed: invalid-utf8-name.json (invalid UTF-8 byte 0xff in string)" { check_malformed invalid-utf8-name.json; }
@test "malformed: default-action-number.json (expected a string, found number)" { check_malformed default-action-number.json; }
@test "malformed: names-string.json (expected an array, found string)" { check_malformed names-string.json; }
@test "malformed: args-object.json (expected an array, found object)" { check_malformed args-object.json; }
@test "malformed: index-float.json (1.0 is not an integer)" { check_malformed index-float.json; }
@test "malformed: value-exponent.json (1e3 is not an integer)" { check_malformed value-exponent.json; }
@test "malformed: errnoret-negative.json (-1 is negative)" { check_malformed errnoret-negative.json; }
@test "malformed: value-negative.json (-1 is negative)" { check_malformed value-negative.json; }
@test "malformed: value-2-64.json (does not fit in 64 bits)" { check_malformed value-2-64.json; }
@test "malformed: unknown-action.json (did you mean SCMP_ACT_ALLOW?)" { check_malformed unknown-action.json; }
@test "malformed: unknown-op.json (did you mean SCMP_CMP_EQ?)" { check_malformed unknown-op.json; }
@test "malformed: unknown-arch.json (unknown architecture \"SCMP_ARCH_AMD64\")" { check_malformed unknown-arch.json; }
@test "malformed: unknown-flag.json (unknown flag \"SECCOMP_FILTER_FLAG_TSYNK\")" { check_malformed unknown-flag.json; }
@test "malformed: index-6.json (argument index 6 is out of range)" { check_malformed index-6.json; }
@test "malformed: seven-args.json (7 argument conditions)" { check_malformed seven-args.json; }
@test "malformed: errnoret-65536.json (errno 65536 is above 4095)" { check_malformed errnoret-65536.json; }
@test "malformed: errnoret-4096.json (errno 4096 is above 4095)" { check_malformed errnoret-4096.json; }
@test "malformed: errnoret-on-allow.json (errnoRet on SCMP_ACT_ALLOW)" { check_malformed errnoret-on-allow.json; }
@test "malformed: default-errnoret-on-allow.json (defaultErrnoRet with default action SCMP_ACT_ALLOW)" { check_malformed default-errnoret-on-allow.json; }
@test "malformed: names-empty.json (\"names\" is empty)" { check_malformed names-empty.json; }
@test "malformed: names-empty-string.json (empty syscall name)" { check_malformed names-empty-string.json; }
@test "malformed: missing-default-action.json (missing \"defaultAction\")" { check_malformed missing-default-action.json; }
@test "malformed: missing-action.json (entry has no \"action\")" { check_malformed missing-action.json; }
@test "malformed: top-level-array.json (expected an object, found array)" { check_malformed top-level-array.json; }
@test "malformed: minkernel-four.json (minKernel \"four\" is not a kernel version)" { check_malformed minkernel-four.json; }
@test "malformed: oci-config-no-seccomp.json (has no linux.seccomp)" { check_malformed oci-config-no-seccomp.json; }
@test "malformed: loongarch64.json (unsupported architecture SCMP_ARCH_LOONGARCH64, unless this libseccomp knows it)" {
	if python3 -c 'import ctypes, sys; sys.exit(0 if ctypes.CDLL("libseccomp.so.2").seccomp_arch_resolve_name(b"loongarch64") else 1)' 2>/dev/null; then
		skip "this libseccomp supports loongarch64"
	fi
	check_malformed loongarch64.json
}
@test "malformed: wrong-type-args-item.json (expected an object, found string)" { check_malformed wrong-type-args-item.json; }
@test "malformed: directory.json (is a directory)" { check_malformed directory.json; }
@test "malformed: does-not-exist.json (a path that does not exist)" {
	[ ! -e "$MALFORMED/does-not-exist.json" ]
	check_malformed does-not-exist.json
}

@test "malformed: a 10 MB file (over the 4 MiB limit; generated here, not stored)" {
	{
		printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [\n'
		yes '{"names": ["read"], "action": "SCMP_ACT_ALLOW"},' | head -n 210000
		printf '{"names": ["write"], "action": "SCMP_ACT_ALLOW"}]}\n'
	} >"$TMP/big.json"
	[ "$(stat -c %s "$TMP/big.json")" -ge 10000000 ]
	# a valid profile but for its size: refused before it is read whole
	expect() {
		EXP_MSG="input larger than 4194304 bytes"
		EXP_POS=-
	}
	check_malformed big.json "$TMP/big.json"
}

@test "malformed: the same inputs on stdin (-) are refused the same way" {
	local f
	for f in truncated.json bom.json duplicate-key.json nul-byte.json invalid-utf8-name.json \
		unknown-op.json errnoret-65536.json empty.json; do
		expect "$f"
		run_safe "$SECCOMPCTL" lint - <"$MALFORMED/$f"
		[ "$status" -eq 2 ]
		has "$output" "-:$EXP_POS: "
		has "$output" "$EXP_MSG"
		run_safe "$SECCOMPCTL" fmt - <"$MALFORMED/$f"
		[ "$status" -eq 2 ]
		has "$output" "$EXP_MSG"
	done
}

@test "malformed: every input at once: exit 2, each file reported invalid" {
	local files=() f
	for f in "$MALFORMED"/*; do
		[ "$(basename "$f")" = EXPECT ] && continue
		[ "$(basename "$f")" = loongarch64.json ] && continue
		files+=("$f")
	done
	run_safe "$SECCOMPCTL" --output json lint "${files[@]}" "$MALFORMED/does-not-exist.json"
	[ "$status" -eq 2 ]
	[ "$(jq '.files | length' <<<"$output")" = $((${#files[@]} + 1)) ]
	[ "$(jq '[.files[].valid] | any' <<<"$output")" = false ]
}

@test "malformed: EXPECT has one row per fixture, and every fixture a row" {
	local f name rows
	rows=$(grep -v '^#' "$MALFORMED/EXPECT" | cut -f1)
	for f in "$MALFORMED"/*; do
		name=$(basename "$f")
		[ "$name" = EXPECT ] && continue
		grep -qxF "$name" <<<"$rows" || { echo "no EXPECT row for $name"; return 1; }
	done
	for name in $rows; do
		[ "$name" = does-not-exist.json ] && continue
		[ -e "$MALFORMED/$name" ] || { echo "EXPECT row for missing $name"; return 1; }
	done
	[ "$(wc -l <<<"$rows")" -ge 36 ]
	# each row: three tab-separated fields, the last - or LINE:COL
	! grep -v '^#' "$MALFORMED/EXPECT" | awk -F'\t' 'NF != 3 || $3 !~ /^(-|[0-9]+:[0-9]+)$/' | grep -q .
}

@test "malformed: no prefix of a real profile crashes or hangs lint or fmt" {
	local src="$REPO/profiles/builtin/runtime-default.json" size n
	size=$(stat -c %s "$src")
	for n in 0 1 2 17 100 333 1000 2049 4096 8000 12345 16000 $((size - 2)) $((size - 1)); do
		head -c "$n" "$src" >"$TMP/cut.json"
		run_safe "$SECCOMPCTL" lint "$TMP/cut.json"
		[ "$status" -eq 2 ]
		grep -qE "cut\.json:[0-9]+:[0-9]+: " <<<"$output"
		run_safe "$SECCOMPCTL" fmt "$TMP/cut.json"
		[ "$status" -eq 2 ]
	done
}

@test "malformed: flipping bytes of a real profile never crashes or hangs" {
	local src="$REPO/profiles/lab/production.json" size i off
	size=$(stat -c %s "$src")
	for i in $(seq 1 40); do
		cp "$src" "$TMP/flip.json"
		off=$(((i * 7919) % size))
		printf "\\x$(printf %02x $(((i * 37 + 1) % 256)))" |
			dd of="$TMP/flip.json" bs=1 seek="$off" conv=notrunc status=none
		run_safe "$SECCOMPCTL" lint "$TMP/flip.json"
		[ "$status" -le 2 ]
		run_safe "$SECCOMPCTL" fmt "$TMP/flip.json"
		[ "$status" -eq 0 ] || [ "$status" -eq 2 ]
	done
}
