# Convenience front end: configure wraps meson, this wraps ninja.
BUILD := build
NINJA ?= ninja

.PHONY: all deps check demo bench clean distclean

all: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

$(BUILD)/build.ninja:
	./configure

deps:
	scripts/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	scripts/run-tests.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	scripts/demo.sh $(BUILD)

bench: deps all
	scripts/bench.sh $(BUILD)

clean:
	-$(NINJA) -C $(BUILD) clean

distclean:
	rm -rf $(BUILD)
