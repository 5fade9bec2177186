# Shared setup for CLI tests.
SECCOMPCTL=${SECCOMPCTL:-"$BATS_TEST_DIRNAME/../../build/seccompctl"}
REPO="$BATS_TEST_DIRNAME/../.."
LAB="$REPO/profiles/lab"
export NO_COLOR=1
