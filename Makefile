# Convenience front end: configure wraps meson, this wraps ninja.
BUILD := build
NINJA ?= ninja

.PHONY: all deps check check-linux check-libvirt demo bench bench-linux fuzz clean distclean

all: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

$(BUILD)/build.ninja:
	./configure

deps:
	scripts/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	scripts/run-tests.sh $(BUILD)

# Boots a Debian cloud kernel to its ACPI/SMP milestones (slow here).
check-linux: deps
	@$(MAKE) --no-print-directory all
	scripts/check-linux.sh -q $(BUILD)/qemu-system-x86_64

# Debian's libvirt drives the emulator: probe, start, lifecycle (root).
check-libvirt: deps
	@$(MAKE) --no-print-directory all
	scripts/check-libvirt.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	scripts/demo.sh $(BUILD)

bench: deps all
	scripts/bench.sh $(BUILD)

# Linux early boot against the reference (minutes on a software KVM).
bench-linux: deps all
	scripts/bench-linux.sh $(BUILD)

# libFuzzer harnesses over the qcow2 and -blockdev parsers (bounded time).
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	-$(NINJA) -C $(BUILD) clean

distclean:
	rm -rf $(BUILD)
