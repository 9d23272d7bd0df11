# busybox tier: busybox's own testsuite (its testsuite/ from the Debian
# source; the subset is every file and applet directory runtest would run
# for our config, minus tests/busybox/skip) on Janux aarch64 (QEMU) and
# Janux wasm32 (Node), each compared with the Linux oracle: our aarch64
# busybox running the same driver under qemu-aarch64 user mode. A case
# that passes under Linux must pass on both machines unless
# tests/busybox/known-differences lists it. The oracle is remade only when
# its inputs change; the two machines run side by side. docs/testing.md.
TEST_TIERS += busybox
BBT := $(BUILD)/busybox-test
BBT_TOOL := tests/busybox/bbtest.py
BBT_SUITE := $(UL_SRC)/busybox/testsuite
BBT_LINKS := $(UL)/busybox-aarch64/busybox.links
BBT_MACHINES := janux-aarch64 janux-wasm32
BBT_LAUNCH_janux-aarch64 := bin/janux-qemu
BBT_LAUNCH_janux-wasm32 := bin/janux
BBT_ARCH_janux-aarch64 := aarch64
BBT_ARCH_janux-wasm32 := wasm32

# Remade when its inputs change, but rewritten only when the subset does.
$(BBT)/list: $(UL_SRC)/busybox.stamp $(BUSYBOX_aarch64) tests/busybox/skip $(BBT_TOOL)
	@mkdir -p $(@D)
	$(BBT_TOOL) list $(BBT_SUITE) $(BBT_LINKS) tests/busybox/skip $@
# The testsuite as an initramfs member of its own (/bbtest), concatenated
# onto each arch's unchanged userland image.
$(BBT)/testsuite.cpio: $(BBT)/list tests/busybox/guest-run.sh $(BUSYBOX_CONFIG) userland/mkcpio.py
	$(BBT_TOOL) manifest $(BBT_SUITE) $< $(BUSYBOX_CONFIG) $(BBT_LINKS) $@.list
	$(call show,CPIO,$@)userland/mkcpio.py $@.list $@
$(BBT)/image-%.cpio: $(IMAGES)/initramfs-%.cpio $(BBT)/testsuite.cpio
	cat $^ > $@.tmp && mv $@.tmp $@
$(BBT)/oracle/results: $(BBT)/list $(BUSYBOX_aarch64) tests/busybox/guest-run.sh $(BUSYBOX_CONFIG)
	$(BBT_TOOL) oracle $(BUSYBOX_aarch64) $(BBT_SUITE) $< $(BUSYBOX_CONFIG) $(BBT_LINKS) $(BBT)/oracle

.PHONY: busybox-test test-busybox
busybox-test: $(BBT)/oracle/results $(BBT)/image-aarch64.cpio $(BBT)/image-wasm32.cpio $(JANUX_IMAGE) $(KERNEL_WASM) ## Run busybox's testsuite on both machines (build/busybox-test/)
	@rm -rf $(addprefix $(BBT)/,$(BBT_MACHINES))
	@$(foreach m,$(BBT_MACHINES),$(BBT_TOOL) boot "$(BBT_LAUNCH_$(m))" \
		$(BBT)/image-$(BBT_ARCH_$(m)).cpio $(BBT)/list $(BBT)/$(m) &) wait
	@$(BBT_TOOL) report $(BBT) tests/busybox/known-differences tests/busybox/skip $(BBT_MACHINES) > $(BBT)/results
	@mkdir -p $(BUILD)/test && cp $(BBT)/report.txt $(BUILD)/test/busybox-report.txt
	@cat $(BBT)/report.txt
test-busybox: ## The busybox tier: its testsuite on both machines against Linux
	@mkdir -p $(BUILD)/test
	@{ $(MAKE) --no-print-directory busybox-test >&2 && cat $(BBT)/results || \
		echo "FAIL busybox/run: the testsuite did not build or run (status $$?)"; } | tee $(BUILD)/test/busybox.results
