# The aarch64 machine (QEMU virt): arch objects + the core archive, linked by
# ld.lld into $(BUILD)/aarch64/janux.elf. `make qemu` boots it interactively.

A64_SRCS := $(sort $(wildcard arch/aarch64/*.c arch/aarch64/*.S))
A64_OBJS := $(patsubst %,$(BUILD)/aarch64/%.o,$(A64_SRCS))
A64_LDS := arch/aarch64/kernel.ld
JANUX_ELF := $(BUILD)/aarch64/janux.elf
A64_ASFLAGS := --target=aarch64-none-elf -g -MMD -MP -Iarch/aarch64

$(BUILD)/aarch64/arch/aarch64/%.c.o: arch/aarch64/%.c
	@mkdir -p $(@D)
	$(call show,CC aarch64,$<)$(CLANG) $(AARCH64_CFLAGS) -c $< -o $@

$(BUILD)/aarch64/arch/aarch64/%.S.o: arch/aarch64/%.S
	@mkdir -p $(@D)
	$(call show,AS aarch64,$<)$(CLANG) $(A64_ASFLAGS) -c $< -o $@

# core.a last: only the core objects the arch code reaches are pulled in.
$(JANUX_ELF): $(A64_OBJS) $(BUILD)/aarch64/core.a $(A64_LDS)
	$(call show,LD aarch64,$@)ld.lld -T $(A64_LDS) -z max-page-size=4096 \
		--no-undefined -o $@ $(A64_OBJS) $(BUILD)/aarch64/core.a

# The same kernel as a raw arm64 Image (header in boot.S): QEMU passes the
# DTB in x0 and loads -initrd only for this format.
JANUX_IMAGE := $(BUILD)/aarch64/Image
$(JANUX_IMAGE): $(JANUX_ELF)
	$(call show,OBJCOPY,$@)llvm-objcopy -O binary $< $@

-include $(A64_OBJS:.o=.d)

.PHONY: aarch64
aarch64: $(JANUX_ELF) $(JANUX_IMAGE) ## Build the aarch64 kernel (build/aarch64/janux.elf, Image)
ALL_TARGETS += aarch64

# The same userland as the page (init, /etc, our busybox), not the default
# initramfs of bin/janux-qemu (Debian's busybox, which the tests and the
# Linux peer use).
qemu: $(JANUX_ELF) $(JANUX_IMAGE) initramfs-aarch64 ## Boot the aarch64 kernel and the userland under QEMU on this terminal
	bin/janux-qemu --initrd $(BUILD)/images/initramfs-aarch64.cpio.gz
