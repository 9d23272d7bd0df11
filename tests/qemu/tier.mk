# QEMU tier: boot the aarch64 kernel on {cortex-a72, max} x {GICv2, GICv3}
# and at EL2 under qemu-system-aarch64, checking the console (run.sh);
# Debian's busybox-static:arm64 as the user-mode shell (busybox.sh);
# bin/janux-qemu -c, ^C and isolation checks (command.sh, interrupt.py);
# virtio-blk disks against their host images (virtio-blk.sh); ext2 on a
# disk checked with e2fsprogs, root= boot (ext2-disk.sh); a host directory
# over virtio-9p with escape attempts (tests/p9/9p-share.sh); our userland
# image: smoke.sh against the Linux oracle, ps & co. (userland.sh).
TEST_TIERS += qemu
QEMU_PROGS_DIR := $(BUILD)/aarch64/progs
QEMU_PROGS := $(patsubst tests/qemu/progs/%.c,$(QEMU_PROGS_DIR)/%,$(wildcard tests/qemu/progs/*.c))

# Test programs: static aarch64 musl binaries from the userland sysroot,
# which is built first when missing (a clean clone has none).
$(QEMU_PROGS_DIR)/%: tests/qemu/progs/%.c bin/janux-cc $(SYSROOT_LIBC_aarch64)
	@mkdir -p $(@D)
	$(call show,CC,$@)bin/janux-cc --arch aarch64 -O2 -Wall -Werror $< -o $@

.PHONY: test-qemu qemu-progs
qemu-progs: $(QEMU_PROGS)
test-qemu: $(JANUX_ELF) $(JANUX_IMAGE) qemu-progs $(P9_SYS_aarch64) $(INITRAMFS_aarch64) ## Boot the aarch64 kernel under QEMU and check the boot log
	@mkdir -p $(BUILD)/test/qemu
	@{ tests/qemu/run.sh $(BUILD)/test/qemu; tests/qemu/busybox.sh $(BUILD)/test/qemu; \
	   tests/qemu/userland.sh $(BUILD)/test/qemu; \
	   tests/qemu/command.sh $(BUILD)/test/qemu $(QEMU_PROGS_DIR); \
	   tests/qemu/virtio-blk.sh qemu $(BUILD)/test/qemu; tests/qemu/ext2-disk.sh $(BUILD)/test/qemu; \
	   tests/p9/9p-share.sh qemu $(BUILD)/test/qemu $(P9_SYS_aarch64); \
	   timeout 60 tests/qemu/interrupt.py $(BUILD)/test/qemu/ctrl-c.log || echo "FAIL qemu/command/ctrl-c: timed out"; } \
		| tee $(BUILD)/test/qemu.results

# Benchmark: boot to init and to power-off, Janux vs Debian's arm64 Linux.
BENCH_TARGETS += bench-boot-aarch64
.PHONY: bench-boot-aarch64
bench-boot-aarch64: $(JANUX_IMAGE) ## Boot time on QEMU aarch64, Janux vs Linux (build/bench/boot-aarch64.json)
	@mkdir -p $(BUILD)/bench
	timeout 600 tests/bench/boot-aarch64.py $(BUILD)/bench/boot-aarch64.json 5

# Benchmark: virtio-blk raw and ext2 throughput, small files, Janux vs Linux.
BENCH_TARGETS += bench-disk-aarch64
.PHONY: bench-disk-aarch64
bench-disk-aarch64: $(JANUX_IMAGE) ## Disk throughput on QEMU aarch64, Janux vs Linux (build/bench/disk-aarch64.json)
	@mkdir -p $(BUILD)/bench
	timeout 900 tests/bench/disk-aarch64.py $(BUILD)/bench/disk-aarch64.json 3

# Benchmark: 9P share throughput, Janux vs Linux as clients of QEMU's server.
BENCH_TARGETS += bench-share-aarch64
.PHONY: bench-share-aarch64
bench-share-aarch64: $(JANUX_IMAGE) ## 9P share throughput on QEMU aarch64, Janux vs Linux (build/bench/share-aarch64.json)
	@mkdir -p $(BUILD)/bench
	timeout 900 tests/bench/share-aarch64.py $(BUILD)/bench/share-aarch64.json 3
