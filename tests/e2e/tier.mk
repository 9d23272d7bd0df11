# Browser tier: the built page in Debian's headless Chromium (playwright-core).
# Each tests/e2e/*.test.mjs prints PASS/FAIL/SKIP lines and exits 0 or 1;
# any other exit (a crash, the time limit) is a FAIL line of its own.
TEST_TIERS += e2e
.PHONY: test-e2e
test-e2e: web
	@mkdir -p $(BUILD)/test
	@for t in tests/e2e/*.test.mjs; do \
		timeout 300 node $$t $(WEB_OUT); s=$$?; \
		[ $$s -le 1 ] || echo "FAIL e2e/$$(basename $$t .test.mjs): exited with status $$s"; \
	done 2>&1 | tee $(BUILD)/test/e2e.log; \
		grep -E '^(PASS|FAIL|SKIP) ' $(BUILD)/test/e2e.log > $(BUILD)/test/e2e.results

# Benchmark: navigation to banner (and prompt) in headless Chromium, cold and warm.
BENCH_TARGETS += bench-page
.PHONY: bench-page
bench-page: web ## Page load: navigation to banner/prompt, cold and warm (build/bench/page.json)
	@mkdir -p $(BUILD)/bench
	timeout 600 node tests/e2e/bench-page.mjs $(BUILD)/bench/page.json 5 $(WEB_OUT)
