# Benchmarks of the syscall paths (tests/bench/progs/ubench.c) and a shell
# workload: Janux aarch64 beside Debian's arm64 Linux in the same QEMU, and
# the host natively as the ceiling (build/bench/ubench-aarch64.json). No
# test tier: speed is measured by `make bench`, never asserted.
UBENCH := $(BUILD)/bench-progs

$(UBENCH)/ubench-aarch64: tests/bench/progs/ubench.c bin/janux-cc $(SYSROOT_LIBC_aarch64)
	@mkdir -p $(@D)
	$(call show,CC,$@)bin/janux-cc --arch aarch64 -O2 -Wall -Werror $< -o $@
$(UBENCH)/ubench-host: tests/bench/progs/ubench.c
	@mkdir -p $(@D)
	$(call show,CC,$@)clang -O2 -Wall -Werror $< -o $@

BENCH_TARGETS += bench-ubench-aarch64
.PHONY: bench-ubench-aarch64
bench-ubench-aarch64: $(UBENCH)/ubench-aarch64 $(UBENCH)/ubench-host $(JANUX_IMAGE) ## Syscall, spawn, pipe, file and shell benchmarks: Janux vs Linux on QEMU aarch64, host native
	@mkdir -p $(BUILD)/bench
	timeout 900 tests/bench/ubench-aarch64.py $(BUILD)/bench/ubench-aarch64.json $^ 3
