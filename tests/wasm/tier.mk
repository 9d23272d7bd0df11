# wasm tier: kernel.wasm builds and validates, its import boundary agrees
# with the host shim, and it boots under Node (bin/janux) and across workers;
# the 9P share test of the qemu tier over our server (tests/p9/9p-share.sh,
# the wasm32 userland); the qemu tier's virtio-blk script over the shim's
# device, its guest output compared with QEMU's (tests/qemu/virtio-blk.sh).

TEST_TIERS += wasm
.PHONY: test-wasm
test-wasm: ## Run the wasm32 machine tests under Node
	@mkdir -p $(BUILD)/test
	@if $(MAKE) --no-print-directory wasm32 wasm-progs $(INITRAMFS_wasm32) $(INITRAMFS_wasm32).gz $(P9_SYS_wasm32) \
			> $(BUILD)/test/wasm-build.log 2>&1; then \
		timeout 300 node tests/wasm/run.js $(BUILD)/test/wasm.results || \
		echo "FAIL wasm/runner: exited with status $$?" | tee -a $(BUILD)/test/wasm.results; \
		tests/p9/9p-share.sh wasm $(BUILD)/test/wasm $(P9_SYS_wasm32) | tee -a $(BUILD)/test/wasm.results; \
		tests/qemu/virtio-blk.sh wasm $(BUILD)/test/wasm | tee -a $(BUILD)/test/wasm.results; \
	else echo "FAIL wasm/build: see $(BUILD)/test/wasm-build.log" | tee $(BUILD)/test/wasm.results; fi
include tests/wasm/progs/progs.mk

# Benchmark: process paths under Node (tests/bench/wasm-procs.mjs).
BENCH_TARGETS += bench-wasm-procs
.PHONY: bench-wasm-procs
bench-wasm-procs: wasm32 wasm-progs ## wasm32 getppid, spawn+wait, fork+wait, pipe GB/s under Node; kernel.wasm size (build/bench/wasm-procs.json)
	@mkdir -p $(BUILD)/bench
	timeout 600 node tests/bench/wasm-procs.mjs $(BUILD)/bench/wasm-procs.json 3

# Benchmark: disk and share throughput under Node (tests/bench/wasm-virtio.mjs).
BENCH_TARGETS += bench-wasm-virtio
.PHONY: bench-wasm-virtio
bench-wasm-virtio: wasm32 wasm-progs ## wasm32 raw disk and 9P share MiB/s under Node (build/bench/wasm-virtio.json)
	@mkdir -p $(BUILD)/bench
	timeout 600 node tests/bench/wasm-virtio.mjs $(BUILD)/bench/wasm-virtio.json 3
