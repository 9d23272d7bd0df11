# Browser tier: the built page in Debian's headless Chromium (playwright-core).
TEST_TIERS += e2e
.PHONY: test-e2e
test-e2e: web
	@mkdir -p $(BUILD)/test
	@timeout 300 node tests/e2e/page.test.mjs $(WEB_OUT) 2>&1 | tee $(BUILD)/test/e2e.log; \
		grep -E '^(PASS|FAIL|SKIP) ' $(BUILD)/test/e2e.log > $(BUILD)/test/e2e.results
