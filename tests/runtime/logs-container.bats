#!/usr/bin/env bats
# seccompctl logs --container on a real process in a real cgroup v2
# directory named as podman names a container's (libpod-<64 hex>.scope):
# records of that process are kept and show the container's id, records of
# a process elsewhere are left out, and a record whose process is gone is
# counted as "container unknown" and said so on stderr.

TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
SECCOMPCTL=${SECCOMPCTL:-$TOP/build/seccompctl}
ID=3f9c2a7be1d04c58a6b2e9f01d7c4b3a5e8f6d2c1b0a9e8d7c6b5a4f3e2d1c0b

setup()
{
	# the v2 hierarchy: /sys/fs/cgroup, or .../unified on a hybrid layout
	cg2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	if [ "$(id -u)" != 0 ] || [ -z "$cg2" ] || [ ! -w "$cg2" ]; then
		skip "needs root and a writable cgroup v2 mount"
	fi
	top=$cg2/seccompctl-test-$$
	scope=$top/libpod-$ID.scope
	mkdir -p "$scope"
	sleep 1000 3>&- &
	inside=$!
	sleep 1000 3>&- &
	outside=$!
	echo "$inside" >"$scope/cgroup.procs"
}

teardown()
{
	[ -n "${top:-}" ] || return 0
	kill "${inside:-}" "${outside:-}" 2>/dev/null || true
	wait 2>/dev/null || true
	# a cgroup can go once its last process has exited
	for _ in $(seq 50); do
		rmdir "$scope" 2>/dev/null && break
		sleep 0.1
	done
	rmdir "$top"
}

record() { # record PID SYSCALL: a dmesg line stamped now
	echo "[1.0] audit: type=1326 audit($(date +%s).100:$RANDOM): auid=4294967295 uid=0 gid=0" \
		"ses=4294967295 pid=$1 comm=\"sleep\" exe=\"/usr/bin/sleep\" sig=0 arch=c000003e" \
		"syscall=$2 compat=0 ip=0x7f0000000000 code=0x50000"
}

@test "--container: the process in libpod-<id>.scope is kept with its id; the gone one is said" {
	grep -qx "0::/seccompctl-test-$$/libpod-$ID.scope" "/proc/$inside/cgroup"
	log=$BATS_TEST_TMPDIR/c.log
	{
		record "$inside" 230  # clock_nanosleep: in the container
		record "$outside" 35  # nanosleep: elsewhere
		record 999999999 39   # getpid: no such process (above any pid_max)
		record "$inside" 230
	} >"$log"
	"$SECCOMPCTL" --output json logs --container "${ID:0:12}" "$log" \
		>"$BATS_TEST_TMPDIR/c.json" 2>"$BATS_TEST_TMPDIR/c.err" || [ $? -eq 1 ]
	jq -e --arg id "$ID" '[.calls[] | "\(.syscall) \(.count) \(.container == $id)"] ==
		["clock_nanosleep 2 true"]' "$BATS_TEST_TMPDIR/c.json"
	jq -e '.counts.records == 4 and .counts.filtered == 2 and .counts.container_unknown == 1' \
		"$BATS_TEST_TMPDIR/c.json"
	grep -q "1 record left out: the process is gone, so its container is unknown" \
		"$BATS_TEST_TMPDIR/c.err"
	# the text table names the container per program, as docker ps shows it
	run "$SECCOMPCTL" logs --container "$ID" "$log"
	[ "$status" -eq 1 ]
	[[ "$output" == *"/usr/bin/sleep (comm sleep, container ${ID:0:12})"* ]]
	[[ "$output" == *"clock_nanosleep"* ]]
	[[ "$output" != *" nanosleep"* ]]
	# another id: nothing is kept, the gone record is still said
	run "$SECCOMPCTL" logs --container "${ID:0:11}f0" "$log"
	[ "$status" -eq 0 ]
	[[ "$output" == *"no SECCOMP records match the filters"* ]]
	[[ "$output" == *"container is unknown"* ]]
	# without --container the counts have no container_unknown
	"$SECCOMPCTL" --output json logs "$log" >"$BATS_TEST_TMPDIR/all.json" || [ $? -eq 1 ]
	jq -e '.counts | has("container_unknown") | not' "$BATS_TEST_TMPDIR/all.json"
	jq -e '[.calls[] | select(has("container"))] == []' "$BATS_TEST_TMPDIR/all.json"
}
