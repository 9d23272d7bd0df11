# Userland tier: tests/userland/tier.sh builds the userland (from an empty
# cache if need be) and checks the image, the fetcher, the Linux oracle and
# janux-cc. A lock serialises concurrent `make test` runs in one tree, which
# would otherwise rebuild and check the same directories at once. The oracle
# is Debian's arm64 busybox under qemu-aarch64 (aarch64 only);
# wasm32 programs and busybox are checked against docs/wasm32-abi.md.

TEST_TIERS += userland
.PHONY: test-userland
test-userland: ## Build the userland and run its checks (oracle: Debian's busybox under qemu-aarch64)
	@mkdir -p $(BUILD)/test $(BUILD)/userland
	@{ timeout 1500 flock $(BUILD)/userland/.lock \
		tests/userland/tier.sh aarch64 $(BUILD)/test/userland-work "$(MAKE)" || \
		echo "FAIL userland/tier: tier.sh stopped (status $$?)"; } | tee $(BUILD)/test/userland.results
