# wasm32 machine: arch/wasm32/*.c linked with the core into kernel.wasm, a
# shared-memory module the host shim (host-shim/) instantiates once per worker.

WASM32_DIR := $(BUILD)/wasm32
KERNEL_WASM := $(WASM32_DIR)/kernel.wasm
WASM32_ARCH_SRCS := $(sort $(wildcard arch/wasm32/*.c))
WASM32_ARCH_OBJS := $(patsubst %.c,$(WASM32_DIR)/%.o,$(WASM32_ARCH_SRCS))

# Kernel memory: 2 MiB at start, grown by the page allocator up to the
# maximum (the host reserves the maximum's address space up front).
WASM32_INITIAL_MEMORY := 2097152
WASM32_MAX_MEMORY := 536870912
WASM32_STACK_SIZE := 65536

WASM32_LDFLAGS := --no-entry --import-memory --shared-memory \
	--initial-memory=$(WASM32_INITIAL_MEMORY) --max-memory=$(WASM32_MAX_MEMORY) \
	-z stack-size=$(WASM32_STACK_SIZE) --stack-first \
	--export=__stack_pointer --export=__wasm_init_tls --export=__tls_base \
	--export=__tls_size --export=__tls_align --export=__heap_base

$(WASM32_DIR)/arch/wasm32/%.o: arch/wasm32/%.c
	@mkdir -p $(@D)
	$(call show,CC wasm32,$<)$(CLANG) $(WASM32_CFLAGS) \
		-DWASM32_MAX_MEMORY=$(WASM32_MAX_MEMORY)u -c $< -o $@

# Validated as it is built: a module wasm-validate rejects is never installed.
$(KERNEL_WASM): $(WASM32_ARCH_OBJS) $(WASM32_DIR)/core.a
	$(call show,LD wasm32,$@)wasm-ld $(WASM32_LDFLAGS) -o $@.tmp $^
	@wasm-validate --enable-threads $@.tmp
	@mv $@.tmp $@

-include $(WASM32_ARCH_OBJS:.o=.d)

.PHONY: wasm32
wasm32: $(KERNEL_WASM) ## Build the wasm32 kernel (build/wasm32/kernel.wasm, validated)
ALL_TARGETS += wasm32
