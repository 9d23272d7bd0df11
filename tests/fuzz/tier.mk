# libFuzzer harnesses for the parsers that read untrusted bytes (inflate and
# gzip, newc cpio, ext2 images, 9P replies). `make fuzz` runs each for FUZZ_SECONDS (default 60 s);
# the `fuzz` test tier runs a bounded smoke of FUZZ_SMOKE_SECONDS (10 s)
# each. Corpora grow in build/fuzz/<name>-corpus/ (seeded from tests).

FUZZ_DIR := $(BUILD)/fuzz
FUZZ_NAMES := inflate cpio ext2 p9
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-Ikernel/include -Wall -Wextra -Werror -Wno-unused-parameter
FUZZ_SRCS_inflate := tests/fuzz/fuzz_inflate.c kernel/lib/inflate.c kernel/lib/crc32.c
FUZZ_SRCS_cpio := tests/fuzz/fuzz_cpio.c kernel/fs/cpio.c

# ext2 needs the whole core (VFS, tasks) and the unit harness's fake
# machine: both are compiled with coverage into their own objects here.
FUZZ_INSTR := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_HARNESS := tests/unit/harness/arch_host.c tests/unit/harness/arch_host_task.c \
	tests/unit/harness/fs_fixture.c tests/unit/harness/blkdev_file.c \
	tests/unit/harness/host_file.c tests/unit/fs/ext2_walk.c tests/unit/mm/fake_uvm.c
FUZZ_CORE_OBJS := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(CORE_SRCS_host)) \
	$(FUZZ_DIR)/obj/gen/version.o
FUZZ_HARNESS_OBJS := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(FUZZ_HARNESS))
$(FUZZ_DIR)/obj/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	$(call show,CC fuzz,$<)$(CLANG) $(KERNEL_COMMON) -O1 -fno-omit-frame-pointer \
		$(FUZZ_INSTR) -Itests/unit/harness/include -c $< -o $@
$(FUZZ_DIR)/obj/gen/version.o: $(VERSION_C)
	@mkdir -p $(@D)
	$(call show,CC fuzz,$<)$(CLANG) $(KERNEL_COMMON) -O1 $(FUZZ_INSTR) -c $< -o $@
$(FUZZ_DIR)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(call show,CC fuzz,$<)$(CLANG) $(UNIT_CFLAGS) $(FUZZ_INSTR) -c $< -o $@
$(FUZZ_DIR)/core.a: $(FUZZ_CORE_OBJS)
	@rm -f $@
	$(call show,AR fuzz,$@)llvm-ar rcs $@ $^
-include $(FUZZ_CORE_OBJS:.o=.d) $(FUZZ_HARNESS_OBJS:.o=.d)
FUZZ_SRCS_ext2 := tests/fuzz/fuzz_ext2.c $(FUZZ_HARNESS_OBJS) $(FUZZ_DIR)/core.a
FUZZ_SRCS_p9 := tests/fuzz/fuzz_p9.c $(FUZZ_HARNESS_OBJS) $(FUZZ_DIR)/core.a

define fuzz_rule
$(FUZZ_DIR)/fuzz-$(1): $(FUZZ_SRCS_$(1))
	@mkdir -p $$(@D)
	$$(call show,FUZZ,$$@)$(CLANG) $(FUZZ_CFLAGS) $(FUZZ_SRCS_$(1)) -o $$@
endef
$(foreach n,$(FUZZ_NAMES),$(eval $(call fuzz_rule,$(n))))

# ext2 seed: a 64 KiB image with 1 KiB blocks holding a small tree.
$(FUZZ_DIR)/ext2-corpus/.seeded:
	@mkdir -p $(@D) $(@D)/t/d/e
	@cd $(@D)/t && echo hi > d/e/f && echo top > f && ln -sf f l && \
		ln -sf $$(printf 'y%.0s' $$(seq 80)) long && seq 2000 > d/big && \
		for i in 1 2 3; do echo $$i > d/n$$i; done
	@rm -f $(@D)/seed.img && truncate -s 64k $(@D)/seed.img
	@mke2fs -q -F -t ext2 -b 1024 -N 32 -I 128 -d $(@D)/t $(@D)/seed.img >/dev/null
	@rm -rf $(@D)/t
	@touch $@

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
