# Benchmarks of the syscall paths (tests/bench/progs/ubench.c) and a shell
# workload: Janux aarch64 beside Debian's arm64 Linux in the same QEMU, Janux
# wasm32 under Node and in headless Chromium (the same source, Janux's wasm32
# busybox), and the host natively as the ceiling
# (build/bench/ubench-aarch64.json). No test tier: speed is measured by
# `make bench`, never asserted.
UBENCH := $(BUILD)/bench-progs

$(UBENCH)/ubench-aarch64: tests/bench/progs/ubench.c bin/janux-cc $(SYSROOT_LIBC_aarch64)
	@mkdir -p $(@D)
	$(call show,CC,$@)bin/janux-cc --arch aarch64 -O2 -Wall -Werror $< -o $@
$(UBENCH)/ubench-wasm32: tests/bench/progs/ubench.c bin/janux-cc $(SYSROOT_LIBC_wasm32)
	@mkdir -p $(@D)
	$(call show,CC,$@)bin/janux-cc --arch wasm32 -O2 -Wall -Werror $< -o $@
$(UBENCH)/ubench-host: tests/bench/progs/ubench.c
	@mkdir -p $(@D)
	$(call show,CC,$@)clang -O2 -Wall -Werror $< -o $@

BENCH_TARGETS += bench-ubench-aarch64
.PHONY: bench-ubench-aarch64
bench-ubench-aarch64: $(KERNEL_WASM)
bench-ubench-aarch64: $(UBENCH)/ubench-aarch64 $(UBENCH)/ubench-host $(JANUX_IMAGE) $(UBENCH)/ubench-wasm32 $(BUSYBOX_wasm32) ## Syscall, fork, spawn, pipe, file and shell benchmarks: Janux aarch64 vs Linux on QEMU, Janux wasm32 in Node and Chromium, host native
	@mkdir -p $(BUILD)/bench
	timeout 1800 tests/bench/ubench-aarch64.py $(BUILD)/bench/ubench-aarch64.json $(wordlist 1,3,$^) 3 $(wordlist 4,5,$^)
