# QEMU tier: boot the aarch64 kernel on {cortex-a72, max} x {GICv2, GICv3}
# and at EL2 under qemu-system-aarch64, checking the console (run.sh);
# then Debian's busybox-static:arm64 as the user-mode shell (busybox.sh).
TEST_TIERS += qemu
.PHONY: test-qemu
test-qemu: $(JANUX_ELF) $(JANUX_IMAGE) ## Boot the aarch64 kernel under QEMU and check the boot log
	@mkdir -p $(BUILD)/test
	@{ tests/qemu/run.sh $(BUILD)/test/qemu; tests/qemu/busybox.sh $(BUILD)/test/qemu; } \
		| tee $(BUILD)/test/qemu.results
