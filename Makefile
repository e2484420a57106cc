# SPDX-License-Identifier: Apache-2.0
# The front door: thin targets over CMake + Ninja (CMakeLists.txt does the
# work). `make test` on a fresh Debian 12 machine installs what is missing.
BUILD ?= build
JOBS ?= $(shell nproc)
IDLC := $(BUILD)/gen/idlc
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c

# kconfig-frontends, with Linux's meanings. The generated menus come from
# the build; a warning from Kconfig fails the target.
KCONFIG_ENV = TESSERA_GEN_KCONFIG=$(abspath $(BUILD))/gen/components.Kconfig KCONFIG_CONFIG=.config
KCONF = $(KCONFIG_ENV) kconfig-conf
# After a configuration target, CMake runs again: a .config that did not
# exist at the last configure adds the kernel image to the build.
RECONFIGURE = cmake -S . -B $(BUILD) >/dev/null
define kconfig_checked
	@mkdir -p $(BUILD)
	$(1) Kconfig 2>&1 | tee $(BUILD)/kconfig.log
	@if grep -qi 'warning' $(BUILD)/kconfig.log; then echo "Kconfig warnings are errors"; exit 1; fi
	@$(RECONFIGURE)
endef

.PHONY: all build configure deps run gdb iso test docs list bench bench-idlc bench-kernel bench-user fuzz clean kconfig-menus \
	menuconfig nconfig oldconfig olddefconfig defconfig savedefconfig randconfig allnoconfig \
	allyesconfig listnewconfig

all: build

deps:
	@.ci/install-deps

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja

configure: deps $(BUILD)/build.ninja

build: configure .config
	cmake --build $(BUILD) -j $(JOBS)

# No configuration yet: start from the default, then configure again so the
# kernel image becomes part of the build.
.config:
	$(MAKE) defconfig

# Booting: QEMU under TCG (ACCEL=kvm where a real KVM exists), serial on the
# terminal, ended by the kernel's power-off. MACHINE=microvm|pc, CMDLINE=...
MACHINE ?= microvm
CMDLINE ?=
KERNEL := $(BUILD)/tessera.elf
QEMU_RUN := platform/x86_64/qemu-run.sh

INITRD := $(BUILD)/initramfs.cpio

run: build
	$(QEMU_RUN) -M $(MACHINE) $(if $(CMDLINE),-a "$(CMDLINE)") -i $(INITRD) $(KERNEL)

# QEMU waits for gdb, which starts with the kernel's symbols and attaches.
gdb: build
	@GDB=1 $(QEMU_RUN) -M $(MACHINE) -t 3600 $(if $(CMDLINE),-a "$(CMDLINE)") -i $(INITRD) $(KERNEL) & \
	  qemu=$$!; gdb -q -ex 'target remote localhost:1234' $(KERNEL); kill $$qemu 2>/dev/null; wait $$qemu

# A GRUB (Multiboot2) ISO for other VMMs and real machines.
iso: build
	platform/x86_64/mkiso.sh $(if $(CMDLINE),-a "$(CMDLINE)") $(KERNEL) $(BUILD)/tessera.iso
	@echo "$(BUILD)/tessera.iso (boot it with: $(QEMU_RUN) -M pc $(BUILD)/tessera.iso)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

docs: build
	IDLC_NO_SVG=$(if $(shell command -v dot),0,1) $(IDLC) --docs $(BUILD)/docs idl $(wildcard components)
	@echo "documentation: $(BUILD)/docs/html/index.html (Markdown: $(BUILD)/docs/md/)"

list: build
	@$(IDLC) --list idl $(wildcard components)

bench: bench-idlc bench-kernel bench-user

bench-idlc: build
	bench/idlc/run.sh $(IDLC)

# Boot time, allocators, schedulers, interface calls, image size and least
# RAM: see bench/README.md.
bench-kernel: build
	bench/kernel/run.sh $(BUILD)

# User space next to a Linux guest running the same static programs (fetches
# Debian's kernel once): see bench/README.md.
bench-user: build
	bench/user/run.sh $(BUILD)

# A longer fuzzing session than the test suite's smoke run (FUZZ_SECONDS).
FUZZ_SECONDS ?= 600
fuzz: build
	gen/tests/fuzz/run_fuzz_smoke.sh $(BUILD)/gen/tests/fuzz/idlc-fuzz . $(FUZZ_SECONDS)

kconfig-menus: configure
	@cmake --build $(BUILD) --target kconfig_fragment

menuconfig: kconfig-menus
	$(KCONFIG_ENV) kconfig-mconf Kconfig
	@$(RECONFIGURE)

nconfig: kconfig-menus
	$(KCONFIG_ENV) kconfig-nconf Kconfig
	@$(RECONFIGURE)

oldconfig: kconfig-menus
	$(KCONFIG_ENV) kconfig-conf --oldconfig Kconfig
	@$(RECONFIGURE)

olddefconfig allnoconfig allyesconfig randconfig listnewconfig: kconfig-menus
	$(call kconfig_checked,$(KCONF) --$@)

defconfig: kconfig-menus
	$(call kconfig_checked,$(KCONF) --defconfig=configs/default_defconfig)

%_defconfig: kconfig-menus
	@test -f configs/$@ || { echo "no configs/$@ (see configs/)"; exit 1; }
	$(call kconfig_checked,$(KCONF) --defconfig=configs/$@)

savedefconfig: kconfig-menus
	$(call kconfig_checked,$(KCONF) --savedefconfig=defconfig)
	@echo "wrote ./defconfig; copy it to configs/<name>_defconfig to keep it"

clean:
	rm -rf $(BUILD)
