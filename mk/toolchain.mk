# Compilers and flags for the three targets the kernel core is built for:
#   host    - the machine's clang with ASan/UBSan, for unit tests
#   aarch64 - Debian clang/lld, freestanding, for QEMU virt
#   wasm32  - Debian clang/wasm-ld, shared memory + atomics, for the host shim

CLANG ?= clang

# Quiet rules print "  CC aarch64  kernel/lib/printk.c"; `make V=1` shows commands.
ifeq ($(V),1)
show =
else
show = @printf '  %-12s %s\n' '$(1)' '$(2)';
endif
CLANG_INC := $(shell $(CLANG) -print-resource-dir)/include

# Kernel code: freestanding, only the compiler's own headers (stddef, stdint,
# stdarg, stdbool) and ours; warnings are errors.
KERNEL_WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes
KERNEL_COMMON := -std=gnu11 -ffreestanding -fno-common -nostdinc -isystem $(CLANG_INC) \
	-Ikernel/include -g $(KERNEL_WARN) -MMD -MP

HOST_CFLAGS := $(KERNEL_COMMON) -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-Itests/unit/harness/include
HOST_LDFLAGS := -fsanitize=address,undefined

AARCH64_CFLAGS := $(KERNEL_COMMON) --target=aarch64-none-elf -O2 \
	-mgeneral-regs-only -fno-pic -fno-pie -mcmodel=large \
	-fno-stack-protector -fno-omit-frame-pointer -Iarch/aarch64/include

WASM32_CFLAGS := $(KERNEL_COMMON) --target=wasm32 -O2 \
	-matomics -mbulk-memory -mmutable-globals -ftls-model=local-exec \
	-Iarch/wasm32/include
