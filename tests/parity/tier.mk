# Parity tier: the corpus in tests/parity/ (C programs and shell scripts)
# run on every target and compared with what real Linux prints
# (docs/parity.md). Expectations are made at build time into build/parity/
# and remade only when their inputs change: the aarch64 binaries under
# qemu-aarch64 user mode ("user" tests) and one boot of Debian's arm64 Linux
# with the corpus initramfs ("linux" tests). Each target is one runner that
# fills build/parity/<target>/; adding an arch is a PARITY_ARCHES entry,
# adding a target a PARITY_TARGETS entry and its parity-run-<target> rule.
TEST_TIERS += parity
PARITY := $(BUILD)/parity
PARITY_ARCHES := aarch64 wasm32
PARITY_TARGETS := janux-aarch64 linux-aarch64 janux-wasm32-node janux-wasm32-chromium
PARITY_TOOL := tests/parity/parity.py
PARITY_PROGS := $(patsubst tests/parity/progs/%.c,%,$(wildcard tests/parity/progs/*.c))
PARITY_SCRIPTS := $(wildcard tests/parity/scripts/*.sh)
# The shell in each arch's corpus image: Debian's busybox-static:arm64 for
# aarch64 (the same binary under Janux and Linux); an arch without a Debian
# build uses Janux's own (PARITY_BUSYBOX_wasm32 := $(BUSYBOX_wasm32)).
PARITY_BUSYBOX_aarch64 := $(BUILD)/peers/busybox-arm64/bin/busybox
PARITY_BUSYBOX_wasm32 := $(BUSYBOX_wasm32)
PARITY_LINUX_DIR := $(BUILD)/peers/linux-arm64

$(PARITY)/list: $(wildcard tests/parity/progs/*.c) $(PARITY_SCRIPTS) $(PARITY_TOOL)
	@mkdir -p $(@D)
	$(PARITY_TOOL) list tests/parity $@

$(PARITY_BUSYBOX_aarch64):
	mk/fetch-deb.sh busybox-static:arm64 $(BUILD)/peers/busybox-arm64 >/dev/null
$(PARITY_LINUX_DIR)/.fetched:
	mk/fetch-deb.sh linux-image-cloud-arm64:arm64 $(PARITY_LINUX_DIR) >/dev/null && touch $@

# parity_arch ARCH: the corpus binaries and its initramfs for one arch.
define parity_arch
PARITY_BINS_$(1) := $(addprefix $(PARITY)/bin-$(1)/,$(PARITY_PROGS))
$(PARITY)/bin-$(1)/%: tests/parity/progs/%.c tests/parity/progs/parity.h bin/janux-cc $(SYSROOT_LIBC_$(1))
	@mkdir -p $$(@D)
	$$(call show,CC,$$@)bin/janux-cc --arch $(1) -O2 -Wall -Werror $$< -o $$@
$(PARITY)/corpus-$(1).cpio: $(PARITY)/list $$(PARITY_BINS_$(1)) $(PARITY_SCRIPTS) tests/parity/guest-run.sh $$(PARITY_BUSYBOX_$(1)) userland/mkcpio.py $(PARITY_TOOL)
	$(PARITY_TOOL) manifest $(PARITY)/list $(PARITY)/bin-$(1) $$(PARITY_BUSYBOX_$(1)) $$@.list
	$$(call show,CPIO,$$@)userland/mkcpio.py $$@.list $$@
endef
$(foreach a,$(PARITY_ARCHES),$(eval $(call parity_arch,$(a))))

# The expectations (oracles), remade only when their inputs change.
$(PARITY)/oracle-user/.done: $(PARITY)/list $(PARITY_BINS_aarch64)
	rm -rf $(@D) && $(PARITY_TOOL) user $(PARITY)/list $(PARITY)/bin-aarch64 $(@D) && touch $@
$(PARITY)/linux-aarch64/.done: $(PARITY)/corpus-aarch64.cpio $(PARITY_LINUX_DIR)/.fetched
	rm -rf $(@D) && $(PARITY_TOOL) boot "bin/janux-qemu --kernel $$(ls $(PARITY_LINUX_DIR)/boot/vmlinuz-* | tail -1)" \
		$< $(PARITY)/list $(@D) oracle && touch $@

# The runners: one per target, each filling $(PARITY)/<target>/ from one
# boot of its machine (launcher, arch of its corpus, what it boots).
.PHONY: parity-run-linux-aarch64
parity-run-linux-aarch64: $(PARITY)/linux-aarch64/.done
PARITY_LAUNCH_janux-aarch64 := bin/janux-qemu --kernel $(JANUX_IMAGE)
PARITY_LAUNCH_janux-wasm32-node := bin/janux --machine wasm
# (its own limit, below parity.py's 60 + 30 s x tests, closes the browser first)
PARITY_LAUNCH_janux-wasm32-chromium := node tests/wasm/janux-chromium.mjs --timeout 500
define parity_target
.PHONY: parity-run-$(1)
parity-run-$(1): $(3) $(PARITY)/corpus-$(2).cpio
	rm -rf $(PARITY)/$(1)
	$(PARITY_TOOL) boot "$$(PARITY_LAUNCH_$(1))" $(PARITY)/corpus-$(2).cpio $(PARITY)/list $(PARITY)/$(1)
endef
$(eval $(call parity_target,janux-aarch64,aarch64,$(JANUX_IMAGE)))
$(eval $(call parity_target,janux-wasm32-node,wasm32,$(KERNEL_WASM)))
$(eval $(call parity_target,janux-wasm32-chromium,wasm32,$(KERNEL_WASM)))

.PHONY: test-parity parity
parity: $(addprefix parity-run-,$(PARITY_TARGETS)) $(PARITY)/oracle-user/.done $(PARITY)/linux-aarch64/.done ## Run the parity corpus on every target (report in build/parity/)
	@$(PARITY_TOOL) report $(PARITY) tests/parity/known-differences $(PARITY_TARGETS) > $(PARITY)/results
	@echo "parity: $(PARITY)/report.txt, $(PARITY)/report.html"
test-parity: ## The parity tier: the corpus on every target against Linux
	@mkdir -p $(BUILD)/test
	@{ $(MAKE) --no-print-directory parity >&2 && cat $(PARITY)/results || \
		echo "FAIL parity/run: the corpus did not build or run (status $$?)"; } | tee $(BUILD)/test/parity.results
