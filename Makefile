# seccompctl: the two commands a user needs are `make demo` and `make check`.
# Everything else is here for contributors.

BUILD     ?= build
SANBUILD  ?= build-san
FUZZBUILD ?= build-fuzz
BENCHBUILD ?= build-bench
CLANGBUILD ?= build-clang
FUZZ_SECONDS ?= 60
MESON_FLAGS ?=

.PHONY: all deps demo check unit cli fuzz fuzz-replay bench format clean

all: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) $(MESON_FLAGS) >/dev/null
	ninja -C $(BUILD)

deps:
	@scripts/deps.sh build

demo: all
	./$(BUILD)/seccompctl demo

# Unit tests run under ASan+UBSan; the CLI tests drive the sanitized binary
# too, so a crash on any input fails the run.
check:
	@scripts/deps.sh test
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) $(MESON_FLAGS) >/dev/null
	ninja -C $(BUILD)
	@test -f $(SANBUILD)/build.ninja || meson setup $(SANBUILD) -Db_sanitize=address,undefined \
		-Db_lundef=false -Dbuildtype=debug $(MESON_FLAGS) >/dev/null
	ninja -C $(SANBUILD)
	@# clang's warnings differ from gcc's; make fuzz and users with clang need both clean.
	@test -f $(CLANGBUILD)/build.ninja || CC=clang meson setup $(CLANGBUILD) -Dtests=false \
		$(MESON_FLAGS) >/dev/null
	ninja -C $(CLANGBUILD)
	scripts/run-tests.sh $(SANBUILD)

fuzz:
	@scripts/deps.sh fuzz
	@test -f $(FUZZBUILD)/build.ninja || CC=clang meson setup $(FUZZBUILD) -Dfuzz=true -Db_sanitize=address,undefined -Dc_args=-fsanitize=fuzzer-no-link \
		-Dtests=false -Db_lundef=false >/dev/null
	ninja -C $(FUZZBUILD)
	scripts/fuzz.sh $(FUZZBUILD) $(FUZZ_SECONDS)

bench:
	@scripts/deps.sh bench
	@test -f $(BENCHBUILD)/build.ninja || meson setup $(BENCHBUILD) -Dbench=true -Dtests=false \
		-Dbuildtype=release >/dev/null
	ninja -C $(BENCHBUILD)
	scripts/bench.sh $(BENCHBUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(SANBUILD) $(FUZZBUILD) $(BENCHBUILD) $(CLANGBUILD)
