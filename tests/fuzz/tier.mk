# libFuzzer harnesses for the parsers that read untrusted bytes (inflate and
# gzip, newc cpio). `make fuzz` runs each for FUZZ_SECONDS (default 60 s);
# the `fuzz` test tier runs a bounded smoke of FUZZ_SMOKE_SECONDS (10 s)
# each. Corpora grow in build/fuzz/<name>-corpus/ (seeded from tests).

FUZZ_DIR := $(BUILD)/fuzz
FUZZ_NAMES := inflate cpio
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-Ikernel/include -Wall -Wextra -Werror -Wno-unused-parameter
FUZZ_SRCS_inflate := tests/fuzz/fuzz_inflate.c kernel/lib/inflate.c
FUZZ_SRCS_cpio := tests/fuzz/fuzz_cpio.c kernel/fs/cpio.c

define fuzz_rule
$(FUZZ_DIR)/fuzz-$(1): $(FUZZ_SRCS_$(1))
	@mkdir -p $$(@D)
	$$(call show,FUZZ,$$@)$(CLANG) $(FUZZ_CFLAGS) $(FUZZ_SRCS_$(1)) -o $$@
endef
$(foreach n,$(FUZZ_NAMES),$(eval $(call fuzz_rule,$(n))))

# Seeds: a real gzip member and a small newc archive, made with host tools.
$(FUZZ_DIR)/%-corpus/.seeded:
	@mkdir -p $(@D)
	@printf 'hello janux\n' | gzip -9n > $(@D)/seed.gz
	@cd $(@D) && mkdir -p t/d && echo x > t/d/f && ln -sf f t/d/l && \
		(cd t && find . | cpio -o -H newc --quiet) > seed.cpio && rm -rf t
	@touch $@

.PHONY: fuzz test-fuzz
fuzz: $(addprefix $(FUZZ_DIR)/fuzz-,$(FUZZ_NAMES)) ## Run the libFuzzer harnesses (FUZZ_SECONDS each, default 60)
	@for n in $(FUZZ_NAMES); do \
		$(MAKE) --no-print-directory $(FUZZ_DIR)/$$n-corpus/.seeded; \
		echo "fuzz-$$n: $(FUZZ_SECONDS) s"; \
		$(FUZZ_DIR)/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			$(FUZZ_DIR)/$$n-corpus || exit 1; \
	done

TEST_TIERS += fuzz
test-fuzz:
	@mkdir -p $(BUILD)/test
	@for n in $(FUZZ_NAMES); do \
		if ! $(MAKE) --no-print-directory $(FUZZ_DIR)/fuzz-$$n $(FUZZ_DIR)/$$n-corpus/.seeded \
			> $(BUILD)/test/fuzz-$$n.log 2>&1; then \
			echo "FAIL fuzz/$$n: build failed, see $(BUILD)/test/fuzz-$$n.log"; continue; fi; \
		if timeout $$(( $(FUZZ_SMOKE_SECONDS) + 60 )) $(FUZZ_DIR)/fuzz-$$n \
			-max_total_time=$(FUZZ_SMOKE_SECONDS) -max_len=65536 $(FUZZ_DIR)/$$n-corpus \
			>> $(BUILD)/test/fuzz-$$n.log 2>&1; \
		then echo "PASS fuzz/$$n-$(FUZZ_SMOKE_SECONDS)s"; \
		else echo "FAIL fuzz/$$n: crash or timeout, see $(BUILD)/test/fuzz-$$n.log"; fi; \
	done | tee $(BUILD)/test/fuzz.results
