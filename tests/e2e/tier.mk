# Browser tier: the built page in Debian's headless Chromium (playwright-core).
# Each tests/e2e/*.test.mjs prints PASS/FAIL/SKIP lines and exits 0 or 1;
# any other exit (a crash, the time limit) is a FAIL line of its own.
TEST_TIERS += e2e
.PHONY: test-e2e
test-e2e: web e2e-progs
	@mkdir -p $(BUILD)/test
	@for t in tests/e2e/*.test.mjs; do \
		timeout 300 node $$t $(WEB_OUT); s=$$?; \
		[ $$s -le 1 ] || echo "FAIL e2e/$$(basename $$t .test.mjs): exited with status $$s"; \
	done 2>&1 | tee $(BUILD)/test/e2e.log; \
		grep -E '^(PASS|FAIL|SKIP) ' $(BUILD)/test/e2e.log > $(BUILD)/test/e2e.results

# Benchmark: navigation to banner (and prompt) in headless Chromium, cold and warm.
BENCH_TARGETS += bench-page
.PHONY: bench-page
bench-page: web e2e-progs ## Page load: navigation to banner/prompt, cold and warm (build/bench/page.json)
	@mkdir -p $(BUILD)/bench
	timeout 600 node tests/e2e/bench-page.mjs $(BUILD)/bench/page.json 5 $(WEB_OUT)

# Benchmark: the page's disk, OPFS and IndexedDB, in headless Chromium.
BENCH_TARGETS += bench-disk-page
.PHONY: bench-disk-page
bench-disk-page: web ## Page disk MiB/s on OPFS and IndexedDB in headless Chromium (build/bench/disk-page.json)
	@mkdir -p $(BUILD)/bench
	timeout 900 node tests/e2e/bench-disk.mjs $(BUILD)/bench/disk-page.json 3 $(WEB_OUT)

# The e2e tier's guest programs (tests/e2e/progs/), built like the wasm
# tier's with its test runtime, packed into a test initramfs. Paths into
# build/wasm32/tests are spelled out: tests/wasm/tier.mk is read after this.
E2E_PROGS := $(BUILD)/e2e
$(E2E_PROGS)/%.o: tests/e2e/progs/%.c tests/wasm/progs/rt.h
	@mkdir -p $(@D)
	$(call show,CC e2e-prog,$<)$(CLANG) $(WASM_PROG_CFLAGS) -Itests/wasm/progs -c $< -o $@

$(E2E_PROGS)/%.wasm: $(BUILD)/wasm32/tests/rt.o $(E2E_PROGS)/%.o
	$(call show,LD e2e-prog,$@)wasm-ld $(WASM_PROG_LDFLAGS) --export=_start \
		--export=__janux_clone_entry -o $@.ld $^
	@wasm-opt $(WASM_ASYNCIFY) $@.ld -o $@.tmp && rm $@.ld
	@wasm-validate --enable-threads $@.tmp && mv $@.tmp $@

E2E_PROG_NAMES := $(basename $(notdir $(wildcard tests/e2e/progs/*.c)))
$(E2E_PROGS)/initrd.cpio: $(E2E_PROG_NAMES:%=$(E2E_PROGS)/%.wasm) userland/mkcpio.py tests/e2e/tier.mk
	@{ for d in bin dev proc tmp; do echo "dir /$$d 0755 0 0"; done; \
	   for p in $(E2E_PROG_NAMES); do echo "file /bin/$$p $(E2E_PROGS)/$$p.wasm 0755 0 0"; done; \
	} > $(E2E_PROGS)/initrd.list
	$(call show,CPIO,$@)python3 userland/mkcpio.py $(E2E_PROGS)/initrd.list $@

.PHONY: e2e-progs
e2e-progs: $(E2E_PROGS)/initrd.cpio ## Build the e2e tier's guest programs and their initramfs
