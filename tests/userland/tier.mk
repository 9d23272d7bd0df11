# Userland tier: builds the userland (from an empty cache if need be), then
# tests/userland/tier.sh checks the image, the fetcher, the Linux oracle and
# janux-cc. The oracle is Debian's arm64 busybox under qemu-aarch64, so the
# tier covers aarch64; wasm32 joins when its userland lands.

TEST_TIERS += userland
.PHONY: test-userland
test-userland: ## Build the userland and run its checks (oracle: Debian's busybox under qemu-aarch64)
	@mkdir -p $(BUILD)/test
	@if timeout 1200 $(MAKE) --no-print-directory userland > $(BUILD)/test/userland-build.log 2>&1; then \
		echo "PASS userland/build"; \
		timeout 600 tests/userland/tier.sh aarch64 $(BUILD)/test/userland-work || \
			echo "FAIL userland/checks: tier.sh stopped (status $$?)"; \
	else \
		echo "FAIL userland/build: see $(BUILD)/test/userland-build.log"; \
	fi | tee $(BUILD)/test/userland.results
