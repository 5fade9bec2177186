#!/usr/bin/env bats
# seccompctl logs on fixtures of every form (tests/fixtures/logs: records
# captured on this machine, in the forms auditd, dmesg, /dev/kmsg,
# journalctl and syslog write them, plus garbage).

load common

L="$BATS_TEST_DIRNAME/../fixtures/logs"

calls() { # calls FILE...: "abi syscall count actions" per entry
	"$SECCOMPCTL" --output json logs "$@" |
		jq -r '.calls[] | "\(.abi) \(.syscall) \(.count) \(.actions | join(","))"'
}

@test "the same records read alike from kmsg, dmesg, syslog, journalctl -k and -o json" {
	for f in kmsg-raw.txt kern.log journal.json; do
		out=$(calls "$L/$f")
		[[ "$out" == *"x86_64 getppid 1 LOG"* ]]
		# the i386 call is named from the i386 table: 65 is getpgrp there
		[[ "$out" == *"x86 getpgrp 1 LOG"* ]]
	done
	out=$(calls "$L/journalctl-k.txt")
	[[ "$out" == *"x86_64 clock_nanosleep 1 ERRNO"* ]]
}

@test "hex-encoded comm and exe are decoded; programs are told apart" {
	"$SECCOMPCTL" --output json logs "$L/dmesg.txt" >"$BATS_TEST_TMPDIR/d.json" || true
	jq -e '[.calls[] | select(.program == "/tmp/log run" and .comm == "log run")] | length == 2' \
		"$BATS_TEST_TMPDIR/d.json"
	jq -e '[.calls[] | select(.program == "/usr/bin/sleep")][0].count == 2' "$BATS_TEST_TMPDIR/d.json"
	# x32: AUDIT_ARCH_X86_64 plus the x32 bit
	jq -e '[.calls[] | select(.abi == "x32")][0] | .syscall == "getpid" and .actions == ["KILL_PROCESS"]' \
		"$BATS_TEST_TMPDIR/d.json"
	jq -e '.counts == {"lines":9,"records":6,"filtered":0,"other":1,"notices":1,"broken":0,"unrelated":1}' \
		"$BATS_TEST_TMPDIR/d.json"
}

@test "auditd's audit.log, plain and enriched: the raw arch and syscall win" {
	out=$(calls "$L/audit.log")
	# the enriched record says SYSCALL=wrong_name_here; syscall=230 is clock_nanosleep
	[[ "$out" == *"x86_64 clock_nanosleep 1 ERRNO"* ]]
	[[ "$out" != *"wrong_name_here"* ]]
	[[ "$out" == *"x86 getpgrp 1 LOG"* ]]
	n=$("$SECCOMPCTL" --output json logs "$L/audit.log" | jq .counts.other)
	[ "$n" -eq 2 ] # SYSCALL and PROCTITLE records
}

@test "garbage: broken records reported with FILE:LINE and skipped, never fatal" {
	run "$SECCOMPCTL" logs "$L/garbage.txt"
	[ "$status" -eq 1 ]
	[[ "$output" == *"garbage.txt:1: broken SECCOMP record: no arch field"* ]]
	[[ "$output" == *"garbage.txt:2: broken SECCOMP record: syscall is not a number"* ]]
	[[ "$output" == *"3 broken"* ]]
	[[ "$output" == *"the kernel dropped records"* ]]
	[[ "$output" == *"(no name)"* ]] # syscall=-1 and the unknown arch
	"$SECCOMPCTL" --output json logs "$L/garbage.txt" >"$BATS_TEST_TMPDIR/g.json" || true
	jq -e '.counts.broken == 3 and (.broken | length) == 3' "$BATS_TEST_TMPDIR/g.json"
	jq -e '[.calls[] | select(.abi == "unknown")] | length == 1' "$BATS_TEST_TMPDIR/g.json"
}

@test "stdin, several files, and the filters" {
	run sh -c "cat '$L/dmesg.txt' | '$SECCOMPCTL' logs -"
	[ "$status" -eq 1 ]
	[[ "$output" == *"stdin"* || "$output" == *"-:"* ]]
	out=$(calls --comm sleep "$L/dmesg.txt" "$L/audit.log")
	[ "$(wc -l <<<"$out")" -eq 1 ]
	[[ "$out" == "x86_64 clock_nanosleep 3 ERRNO" ]]
	out=$(calls --action KILL_PROCESS "$L/dmesg.txt")
	[[ "$out" == "x32 getpid 1 KILL_PROCESS" ]]
	out=$(calls --pid 4244 "$L/dmesg.txt")
	[[ "$out" == "x86_64 mount 1 ERRNO" ]]
	out=$(calls --since 1795898700 "$L/dmesg.txt")
	[[ "$out" != *"getppid"* ]]
	[[ "$out" == *"clock_nanosleep"* ]]
	out=$(calls --until 1795898659 "$L/dmesg.txt")
	[[ "$out" == *"getppid"* ]]
	[[ "$out" != *"clock_nanosleep"* ]]
	run "$SECCOMPCTL" logs --comm nobody "$L/dmesg.txt"
	[ "$status" -eq 0 ]
	[[ "$output" == *"no SECCOMP records match the filters"* ]]
}

@test "-o writes an allowlist of what the records show, per ABI seen" {
	"$SECCOMPCTL" logs -q "$L/dmesg.txt" -o "$BATS_TEST_TMPDIR/allow.json" || true
	"$SECCOMPCTL" lint "$BATS_TEST_TMPDIR/allow.json" >/dev/null || [ $? -eq 1 ]
	jq -e '.defaultAction == "SCMP_ACT_ERRNO"' "$BATS_TEST_TMPDIR/allow.json"
	jq -e '.architectures | sort == ["SCMP_ARCH_X32","SCMP_ARCH_X86","SCMP_ARCH_X86_64"]' \
		"$BATS_TEST_TMPDIR/allow.json"
	jq -e '.syscalls[0].names == ["clock_nanosleep","getpgrp","getpid","getppid","mount"]' \
		"$BATS_TEST_TMPDIR/allow.json"
	# and the program says so: getpgrp on x86 is allowed now
	run "$SECCOMPCTL" explain --arch x86 "$BATS_TEST_TMPDIR/allow.json" getpgrp
	[ "$status" -eq 0 ]
}

@test "--merge adds exactly the calls the profile denies, and the ABIs it lacks" {
	run "$SECCOMPCTL" logs "$L/dmesg.txt" --merge "$LAB/deny-dangerous.json" \
		-o "$BATS_TEST_TMPDIR/m.json"
	[ "$status" -eq 1 ]
	# deny-dangerous allows everything but a few calls: of those seen, only mount
	[[ "$output" == *"1 call added"*"mount"*"1 name taken out of unconditional deny entries"* ]]
	# mount left the deny entry, so the default (ALLOW) answers it now
	run "$SECCOMPCTL" explain "$BATS_TEST_TMPDIR/m.json" mount
	[ "$status" -eq 0 ]
	[[ "$output" == *"action   ALLOW"* ]]
	run "$SECCOMPCTL" logs "$L/dmesg.txt" --merge "$LAB/too-restrictive.json" \
		-o "$BATS_TEST_TMPDIR/t.json"
	[[ "$output" == *"5 calls added"*"architectures: SCMP_ARCH_X32 SCMP_ARCH_X86"* ]]
	run "$SECCOMPCTL" explain --arch x86 "$BATS_TEST_TMPDIR/t.json" getpgrp
	[ "$status" -eq 0 ]
	[[ "$output" == *"added by seccompctl logs"* ]]
	run "$SECCOMPCTL" logs "$L/dmesg.txt" --merge "$LAB/minimal.json"
	[ "$status" -eq 2 ]
	[[ "$output" == *"-o OUT"* ]]
}

@test "errors: unreadable file, bad options; help" {
	run "$SECCOMPCTL" logs "$BATS_TEST_TMPDIR/missing.log"
	[ "$status" -eq 2 ]
	[[ "$output" == *"missing.log"* ]]
	run "$SECCOMPCTL" logs --action SOMETIMES "$L/dmesg.txt"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" logs --since yesterday "$L/dmesg.txt"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" logs --source journal "$L/dmesg.txt"
	[ "$status" -eq 2 ]
	run "$SECCOMPCTL" help logs
	[[ "$output" == *"audit.log"*"journalctl"* ]]
}

@test "--follow: records appended later, partial lines, rotation; Ctrl-C prints the summary" {
	log=$BATS_TEST_TMPDIR/follow.log
	out=$BATS_TEST_TMPDIR/follow.out
	: >"$log"
	"$SECCOMPCTL" logs --follow "$log" >"$out" 2>&1 3>&- &
	pid=$!
	sleep 0.5
	cat "$L/kmsg-raw.txt" >>"$log"
	# a record written in two pieces
	printf '[1.0] audit: type=1326 audit(1795898700.900:9): pid=7 comm="late" exe="/late" ' >>"$log"
	sleep 0.5
	echo 'arch=c000003e syscall=39 code=0x7ffc0000' >>"$log"
	sleep 0.5
	# rotation: the file is replaced by a new one
	mv "$log" "$log.1"
	cp "$L/journalctl-k.txt" "$log"
	for _ in $(seq 30); do
		grep -q clock_nanosleep "$out" && break
		sleep 0.2
	done
	kill -INT "$pid"
	wait "$pid" || true
	grep -q "LOG *\/tmp\/log run\[29073\] x86_64 getppid (110)" "$out"
	grep -q "x86 getpgrp (65)" "$out"
	grep -q "LOG *\/late\[7\] x86_64 getpid (39)" "$out"
	grep -q "ERRNO *\/usr\/bin\/sleep\[4242\] x86_64 clock_nanosleep (230)" "$out"
	grep -q "SECCOMP records" "$out" # the summary after Ctrl-C
	run "$SECCOMPCTL" logs --follow "$L/dmesg.txt" "$L/kern.log"
	[ "$status" -eq 2 ]
}

@test "a log larger than the read buffer: every line counted, every record found" {
	big=$BATS_TEST_TMPDIR/big.log
	for _ in $(seq 300); do
		seq 1 100 | sed 's/^/[1.000000] EXT4-fs (vda1): mounted filesystem with ordered data mode /'
		cat "$L/dmesg.txt"
	done >"$big"
	printf 'a last line without newline' >>"$big"
	[ "$(stat -c %s "$big")" -gt 2000000 ]
	"$SECCOMPCTL" --output json logs "$big" >"$BATS_TEST_TMPDIR/b.json" || true
	jq -e --argjson n "$(($(wc -l <"$big") + 1))" '.counts.lines == $n' "$BATS_TEST_TMPDIR/b.json"
	jq -e '.counts.records == 1800 and .counts.notices == 300 and .counts.other == 300' \
		"$BATS_TEST_TMPDIR/b.json"
}

@test "empty lines are counted, in text and in journalctl -o json logs" {
	for f in journal.json dmesg.txt; do
		# not first: a JSON log is known by its first byte
		{
			cat "$L/$f"
			echo
			echo
			cat "$L/$f"
		} >"$BATS_TEST_TMPDIR/e.log"
		"$SECCOMPCTL" --output json logs "$L/$f" >"$BATS_TEST_TMPDIR/one.json" || true
		run "$SECCOMPCTL" --output json logs "$BATS_TEST_TMPDIR/e.log"
		[ "$status" -eq 1 ]
		echo "$output" >"$BATS_TEST_TMPDIR/e.json"
		jq -e --slurpfile one "$BATS_TEST_TMPDIR/one.json" \
			'.counts.lines == 2 * $one[0].counts.lines + 2 and
			 .counts.records == 2 * $one[0].counts.records and
			 .counts.unrelated == 2 * $one[0].counts.unrelated + 2' "$BATS_TEST_TMPDIR/e.json"
	done
}
