# The portable core, compiled for each target into $(BUILD)/<target>/core.a.
# Arch code links against it; the host archive feeds the unit tests.

CORE_SRCS := $(sort $(shell find kernel -name '*.c'))
# The host target takes memcpy & co. from its C library (same contracts).
CORE_SRCS_host := $(filter-out kernel/lib/string.c,$(CORE_SRCS))
CORE_SRCS_aarch64 := $(CORE_SRCS)
CORE_SRCS_wasm32 := $(CORE_SRCS)

CORE_TARGETS := host aarch64 wasm32
CC_host := $(CLANG)
CC_aarch64 := $(CLANG)
CC_wasm32 := $(CLANG)
CFLAGS_host := $(HOST_CFLAGS)
CFLAGS_aarch64 := $(AARCH64_CFLAGS)
CFLAGS_wasm32 := $(WASM32_CFLAGS)

VERSION_C := $(BUILD)/gen/version.c

# Regenerate version.c only when its text changes (new commit or dirty state).
$(VERSION_C): FORCE
	@mkdir -p $(@D)
	@tmp=$$(mktemp $@.XXXXXX) && mk/version.sh > $$tmp && \
		{ cmp -s $$tmp $@ && rm -f $$tmp || mv -f $$tmp $@; }
FORCE:

define core_rules
CORE_OBJS_$(1) := $$(patsubst %.c,$(BUILD)/$(1)/%.o,$$(CORE_SRCS_$(1))) \
	$(BUILD)/$(1)/gen/version.o

$(BUILD)/$(1)/kernel/%.o: kernel/%.c
	@mkdir -p $$(@D)
	$$(call show,CC $(1),$$<)$$(CC_$(1)) $$(CFLAGS_$(1)) -c $$< -o $$@

$(BUILD)/$(1)/gen/version.o: $(VERSION_C)
	@mkdir -p $$(@D)
	$$(call show,CC $(1),$$<)$$(CC_$(1)) $$(CFLAGS_$(1)) -c $$< -o $$@

$(BUILD)/$(1)/core.a: $$(CORE_OBJS_$(1))
	@rm -f $$@
	$$(call show,AR $(1),$$@)llvm-ar rcs $$@ $$^

-include $$(CORE_OBJS_$(1):.o=.d)
endef
$(foreach t,$(CORE_TARGETS),$(eval $(call core_rules,$(t))))

.PHONY: core core-host core-aarch64 core-wasm32
core: core-host core-aarch64 core-wasm32 ## Build the core for all three targets
core-host: $(BUILD)/host/core.a
core-aarch64: $(BUILD)/aarch64/core.a
core-wasm32: $(BUILD)/wasm32/core.a
ALL_TARGETS += core

# Build tier: the core compiles warning-free (-Werror) for every target.
TEST_TIERS += build
.PHONY: test-build
test-build:
	@mkdir -p $(BUILD)/test
	@for t in $(CORE_TARGETS); do \
		if $(MAKE) --no-print-directory core-$$t > $(BUILD)/test/build-$$t.log 2>&1; \
		then echo "PASS build/core-$$t"; \
		else echo "FAIL build/core-$$t: see $(BUILD)/test/build-$$t.log"; fi; \
	done | tee $(BUILD)/test/build.results

# docs/syscalls.md is generated from the table; the docs tier checks that
# the committed copy matches, so it cannot drift.
docs/syscalls.md: kernel/sys/syscalls.def mk/syscalls-doc.sh
	$(call show,GEN,$@)mk/syscalls-doc.sh $< > $@
ALL_TARGETS += docs/syscalls.md

TEST_TIERS += docs
.PHONY: test-docs
test-docs:
	@mkdir -p $(BUILD)/test
	@if mk/syscalls-doc.sh | cmp -s - docs/syscalls.md; \
	then echo "PASS docs/syscalls.md-matches-syscalls.def"; \
	else echo "FAIL docs/syscalls.md-matches-syscalls.def: run make docs/syscalls.md and commit"; fi \
		| tee $(BUILD)/test/docs.results
