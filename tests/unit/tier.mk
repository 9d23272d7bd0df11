# Unit tier: the core's host archive linked with the ktest runner, the fake
# machine (harness/) and every tests/unit/**/*.c case file.

UNIT_SRCS := $(sort $(shell find tests/unit -name '*.c'))
UNIT_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(UNIT_SRCS))
UNIT_BIN := $(BUILD)/host/unit-tests
# Test code is ordinary hosted C: the C library plus the kernel's headers.
UNIT_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-Ikernel/include -Itests/unit -Itests/unit/harness/include -MMD -MP

$(BUILD)/host/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(call show,CC test,$<)$(CLANG) $(UNIT_CFLAGS) -c $< -o $@

# The archive goes after the test objects so only what they use is pulled
# in; --whole-archive is unnecessary because tests call core code directly.
$(UNIT_BIN): $(UNIT_OBJS) $(BUILD)/host/core.a
	$(call show,LD test,$@)$(CLANG) $(HOST_LDFLAGS) -o $@ $(UNIT_OBJS) $(BUILD)/host/core.a

-include $(UNIT_OBJS:.o=.d)

.PHONY: unit test-unit
unit: $(UNIT_BIN) ## Build the host unit tests
ALL_TARGETS += unit

TEST_TIERS += unit
test-unit: $(UNIT_BIN) ## Run the host unit tests (ASan/UBSan)
	@mkdir -p $(BUILD)/test
	@ASAN_OPTIONS=detect_leaks=0 $(UNIT_BIN) | tee $(BUILD)/test/unit.log; \
		grep -E '^(PASS|FAIL|SKIP) ' $(BUILD)/test/unit.log > $(BUILD)/test/unit.results
