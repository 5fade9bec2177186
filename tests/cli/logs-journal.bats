#!/usr/bin/env bats
# seccompctl logs --source journal against a fake journalctl first on PATH
# (this machine runs no journald): it checks the arguments it is given and
# prints tests/fixtures/logs/journal.json, real `journalctl -k -o json`
# lines; with -f it then waits to be stopped, and says how it ended.

load common

L="$BATS_TEST_DIRNAME/../fixtures/logs"

setup() {
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	# $1-$4 must be -k -o json --no-pager; all of them are kept for the test
	cat >"$BATS_TEST_TMPDIR/bin/journalctl" <<FAKE
#!/bin/sh
T='$BATS_TEST_TMPDIR'
echo "\$@" >"\$T/args"
echo \$\$ >"\$T/pid"
if [ "\$1 \$2 \$3 \$4" != "-k -o json --no-pager" ]; then
	echo "fake journalctl: unexpected arguments: \$*" >&2
	exit 3
fi
cat '$L/journal.json'
case " \$* " in
*" -f "*)
	trap 'echo stopped >"\$T/ended"; kill \$s; exit 143' TERM
	sleep 1000 &
	s=\$!
	wait \$s
	;;
esac
echo finished >"\$T/ended"
FAKE
	chmod +x "$BATS_TEST_TMPDIR/bin/journalctl"
	FAKEPATH="$BATS_TEST_TMPDIR/bin:$PATH"
}

@test "--source journal: journalctl -k -o json --no-pager, its records named per ABI" {
	PATH=$FAKEPATH run "$SECCOMPCTL" --output json logs --source journal
	[ "$status" -eq 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/args")" = "-k -o json --no-pager" ]
	[ "$(cat "$BATS_TEST_TMPDIR/ended")" = finished ]
	jq -e '.source == "journalctl -k"' <<<"$output"
	jq -e '.counts == {"lines":3,"records":2,"filtered":0,"other":0,"notices":0,"broken":0,"unrelated":1}' <<<"$output"
	jq -e '[.calls[] | "\(.abi) \(.syscall)"] == ["x86 getpgrp","x86_64 getppid"]' <<<"$output"
}

@test "--source journal: --since and --until reach journalctl as @seconds, and filter too" {
	PATH=$FAKEPATH run "$SECCOMPCTL" logs --source journal --since 1795898600.5 \
		--until 1795898658.1
	[ "$status" -eq 0 ] # the records are at .241: after --until
	# since rounds down, until up: journalctl never cuts what the filter keeps
	[ "$(cat "$BATS_TEST_TMPDIR/args")" = "-k -o json --no-pager --since=@1795898600 --until=@1795898659" ]
	[[ "$output" == *"2 SECCOMP records (2 left out by filters)"* ]]
}

@test "--source journal: journalctl missing or failing is exit 2 with what to do" {
	mkdir "$BATS_TEST_TMPDIR/empty"
	PATH=$BATS_TEST_TMPDIR/empty run "$SECCOMPCTL" logs --source journal
	[ "$status" -eq 2 ]
	[[ "$output" == *"journalctl not found on PATH"*"--source kmsg"* ]]
	json=$(PATH=$BATS_TEST_TMPDIR/empty "$SECCOMPCTL" --output json logs --source journal \
		2>/dev/null) || [ $? -eq 2 ]
	jq -e '.error.message | test("journalctl not found")' <<<"$json"
	printf '#!/bin/sh\necho "No journal files were found." >&2\nexit 1\n' \
		>"$BATS_TEST_TMPDIR/bin/journalctl"
	PATH=$FAKEPATH run "$SECCOMPCTL" logs --source journal
	[ "$status" -eq 2 ]
	[[ "$output" == *"No journal files were found."* ]]
	[[ "$output" == *"journalctl -k -o json exited with status 1"* ]]
	run "$SECCOMPCTL" logs --source journal "$L/dmesg.txt"
	[ "$status" -eq 2 ]
	[[ "$output" == *"exclude each other"* ]]
}

@test "--source journal --follow: records live, Ctrl-C stops journalctl and prints the summary" {
	out=$BATS_TEST_TMPDIR/follow.out
	PATH=$FAKEPATH "$SECCOMPCTL" logs --source journal --follow >"$out" 2>&1 3>&- &
	pid=$!
	for _ in $(seq 50); do
		grep -q getppid "$out" && break
		sleep 0.1
	done
	[ "$(cat "$BATS_TEST_TMPDIR/args")" = "-k -o json --no-pager -f" ]
	jpid=$(cat "$BATS_TEST_TMPDIR/pid")
	kill -INT "$pid"
	wait "$pid" || true
	grep -q "LOG *\/tmp\/log run\[29073\] x86_64 getppid (110)" "$out"
	grep -q "x86 getpgrp (65)" "$out"
	grep -q "journalctl -k: 3 lines, 2 SECCOMP records" "$out"
	[ "$(cat "$BATS_TEST_TMPDIR/ended")" = stopped ]
	! kill -0 "$jpid" 2>/dev/null
}

@test "--source auto never runs journalctl without journald" {
	[ -S /run/systemd/journal/socket ] && skip "journald runs here"
	[ -r /dev/kmsg ] || skip "auto falls back to /dev/kmsg: needs root"
	[ -f /run/auditd.pid ] && skip "auditd may be running"
	PATH=$FAKEPATH run "$SECCOMPCTL" logs
	[ "$status" -ne 2 ]
	[[ "$output" == *"/dev/kmsg"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/args" ]
}
