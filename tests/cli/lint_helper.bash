# Shared by the lint bats files.
#
# Fixtures: tests/fixtures/lint/<ID>/trigger-*.json must produce a finding
# <ID>; clean-*.json must not.  An optional FILE.args holds extra lint
# options (one line, split on spaces), an optional FILE.sev the expected
# severity of the <ID> finding (error, warning or info).

SECCOMPCTL=${SECCOMPCTL:-"$BATS_TEST_DIRNAME/../../build/seccompctl"}
FIXTURES="$BATS_TEST_DIRNAME/../fixtures"

# lint_findings FILE [ARGS...]: "ID SEVERITY PATH" per line
lint_findings() {
	local f=$1
	shift
	"$SECCOMPCTL" --output json lint "$@" "$f" |
		jq -r '.files[].findings[] | "\(.id) \(.severity) \(.path)"'
}

check_rule() {
	local id=$1 dir="$FIXTURES/lint/$1" f out triggers=0 cleans=0 args
	[ -d "$dir" ] || { echo "no fixtures in $dir"; return 1; }
	for f in "$dir"/trigger-*.json; do
		[ -e "$f" ] || continue
		args=()
		[ -f "$f.args" ] && read -r -a args <"$f.args"
		out=$(lint_findings "$f" "${args[@]}")
		if ! grep -q "^$id " <<<"$out"; then
			echo "$f: expected a $id finding; got:"
			echo "$out"
			return 1
		fi
		if [ -f "$f.sev" ] && ! grep -q "^$id $(cat "$f.sev") " <<<"$out"; then
			echo "$f: expected $id with severity $(cat "$f.sev"); got:"
			echo "$out"
			return 1
		fi
		triggers=$((triggers + 1))
	done
	for f in "$dir"/clean-*.json; do
		[ -e "$f" ] || continue
		args=()
		[ -f "$f.args" ] && read -r -a args <"$f.args"
		out=$(lint_findings "$f" "${args[@]}")
		if grep -q "^$id " <<<"$out"; then
			echo "$f: expected no $id finding; got:"
			echo "$out"
			return 1
		fi
		cleans=$((cleans + 1))
	done
	if [ "$triggers" -eq 0 ] || [ "$cleans" -eq 0 ]; then
		echo "$id needs at least one trigger-*.json and one clean-*.json fixture"
		return 1
	fi
}
