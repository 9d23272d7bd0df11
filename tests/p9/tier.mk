# p9 tier: our 9P2000.L server (host-shim/devices/p9.js) and its Node
# host-directory backend on their own, under Node: codec bounds, every
# operation, escape attempts. (The kernel's client is tested against the
# same server in the unit tier, tests/unit/fs/p9_client_test.c.)

TEST_TIERS += p9
.PHONY: test-p9
test-p9: ## Run the 9P server tests under Node
	@mkdir -p $(BUILD)/test
	@timeout 120 node tests/wasm/run.js $(BUILD)/test/p9.results tests/p9 || \
		echo "FAIL p9/runner: exited with status $$?" | tee -a $(BUILD)/test/p9.results

# The 9P share test (tests/p9/9p-share.sh + 9p-guest.sh) runs in the qemu
# tier over QEMU's server and in the wasm tier over ours; its helper program
# p9sys (single rename and fsync calls) is built here for both architectures.
P9_SYS_aarch64 := $(BUILD)/aarch64/p9/p9sys
P9_SYS_wasm32 := $(BUILD)/wasm32/p9/p9sys
define p9_sys_rule
$$(P9_SYS_$(1)): tests/p9/progs/p9sys.c bin/janux-cc $$(SYSROOT_LIBC_$(1))
	@mkdir -p $$(@D)
	$$(call show,CC,$$@)bin/janux-cc --arch $(1) -O2 -Wall -Werror $$< -o $$@
endef
$(foreach a,aarch64 wasm32,$(eval $(call p9_sys_rule,$(a))))
