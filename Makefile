# Janux build. Every output goes under build/; downloads are cached in cache/.
# `make help` lists the targets. Parts of the tree add their own rules in
# */*.mk fragments included below.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
SHELL := /bin/bash

BUILD := build
CACHE := cache

include mk/toolchain.mk
include kernel/kernel.mk
include $(sort $(wildcard arch/*/arch.mk))
include $(sort $(wildcard userland/userland.mk web/web.mk))
include $(sort $(wildcard tests/*/tier.mk))

.PHONY: all deps run qemu test bench clean help

all: $(ALL_TARGETS) ## Build everything (kernel for every target, userland, page)

deps: ## Install what the build and the tests need (idempotent; root)
	@mk/deps.sh

# Each test tier is a make target test-<tier> that writes
# $(BUILD)/test/<tier>.results (lines "PASS name", "FAIL name: why",
# "SKIP name: why"); the summary adds them up. -k keeps going after a tier
# fails so one summary covers all of them.
test: deps ## Install, build and run every test tier; ends with "N passed, N failed"
	@mkdir -p $(BUILD)/test && rm -f $(BUILD)/test/*.results
	@$(MAKE) --no-print-directory -k $(addprefix test-,$(TEST_TIERS)) || true
	@tests/summary $(BUILD)/test $(TEST_TIERS)

# Each benchmark is a make target registered with BENCH_TARGETS += bench-<x>
# that writes $(BUILD)/bench/<x>.json (format: tests/bench/report.mjs).
bench: deps ## Run the benchmarks (table on the terminal, JSON and SVG in build/bench/)
	@rm -rf $(BUILD)/bench && mkdir -p $(BUILD)/bench
	@$(MAKE) --no-print-directory -k $(BENCH_TARGETS) || true
	@node tests/bench/report.mjs $(BUILD)/bench
	@$(WEB_BENCH_COPY)

clean: ## Remove build/ (the download cache stays)
	rm -rf $(BUILD)

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  %-16s %s\n", $$1, $$2 }'
