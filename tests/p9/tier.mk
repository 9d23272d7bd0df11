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
