# Convenience front end: configure wraps meson, this wraps ninja.
BUILD := build
NINJA ?= ninja

.PHONY: all deps check check-linux check-libvirt demo bench fuzz clean distclean

all: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

$(BUILD)/build.ninja:
	./configure

deps:
	scripts/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	scripts/run-tests.sh $(BUILD)

check-linux: deps all
	scripts/check-linux.sh $(BUILD)

check-libvirt: deps all
	scripts/check-libvirt.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	scripts/demo.sh $(BUILD)

bench: deps all
	scripts/bench.sh $(BUILD)

fuzz: deps
	scripts/fuzz.sh

clean:
	-$(NINJA) -C $(BUILD) clean

distclean:
	rm -rf $(BUILD)
