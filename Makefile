# SPDX-License-Identifier: Apache-2.0
# The front door: thin targets over CMake + Ninja (CMakeLists.txt does the
# work). `make test` on a fresh Debian 12 machine installs what is missing.
BUILD ?= build
JOBS ?= $(shell nproc)
IDLC := $(BUILD)/gen/idlc

.PHONY: all build configure deps run test docs list bench bench-idlc fuzz clean

all: build

deps:
	@.ci/install-deps

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Until the x86_64 platform lands (issue #3) there is no kernel to boot:
# `make run` shows what idlc makes of this tree's spec instead.
run: build
	@echo "make run: no kernel yet (the x86_64 platform arrives with issue #3)."
	@echo "This is the spec idlc checks and would compose from idl/ and components/:"
	@$(IDLC) --list idl $(wildcard components)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

docs: build
	IDLC_NO_SVG=$(if $(shell command -v dot),0,1) $(IDLC) --docs $(BUILD)/docs idl $(wildcard components)
	@echo "documentation: $(BUILD)/docs/html/index.html (Markdown: $(BUILD)/docs/md/)"

list: build
	@$(IDLC) --list idl $(wildcard components)

bench: bench-idlc

bench-idlc: build
	bench/idlc/run.sh $(IDLC)

# A longer fuzzing session than the test suite's smoke run (FUZZ_SECONDS).
FUZZ_SECONDS ?= 600
fuzz: build
	gen/tests/fuzz/run_fuzz_smoke.sh $(BUILD)/gen/tests/fuzz/idlc-fuzz . $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD)
