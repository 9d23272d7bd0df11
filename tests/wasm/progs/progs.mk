# Test programs of the wasm tier (tests/wasm/progs/), built with the
# test-only runtime rt.c and linked per docs/wasm32-abi.md, asyncify-
# instrumented for janux.fork, and packed into a test initramfs: /bin/t
# with one symlink per test (argv[0] names the test), a module that is not
# wasm and one without _start (for ENOEXEC); a WASI command built with
# wasi-libc and a WASI module with a foreign import (docs/wasm32.md "WASI").

WASM_PROGS := $(BUILD)/wasm32/tests
WASM_PROG_TESTS := syscalls procs pipes signals threads winsize modcache traps enoexec kill wasi bench hello true disk ext2 share cputime forks
WASM_PROG_CFLAGS := --target=wasm32 -O2 -matomics -mbulk-memory -mmutable-globals \
	-nostdlib -ffreestanding -Wall -Wno-unused-parameter
WASM_PROG_LDFLAGS := --import-memory --shared-memory --max-memory=1073741824 \
	--stack-first -z stack-size=65536 --export-table \
	--export=__stack_pointer --export=__heap_base --no-entry
WASM_ASYNCIFY := --enable-threads --enable-bulk-memory --enable-mutable-globals \
	--asyncify --pass-arg=asyncify-imports@janux.fork -O1

$(WASM_PROGS)/%.o: tests/wasm/progs/%.c tests/wasm/progs/rt.h
	@mkdir -p $(@D)
	$(call show,CC wasm-prog,$<)$(CLANG) $(WASM_PROG_CFLAGS) -c $< -o $@

$(WASM_PROGS)/t.wasm: $(WASM_PROGS)/rt.o $(WASM_PROGS)/t.o $(WASM_PROGS)/bench.o \
		$(WASM_PROGS)/virtio.o $(WASM_PROGS)/wasi-spawn.o $(WASM_PROGS)/cputime.o \
		$(WASM_PROGS)/forks.o
	$(call show,LD wasm-prog,$@)wasm-ld $(WASM_PROG_LDFLAGS) --export=_start \
		--export=__janux_clone_entry -o $@.ld $^
	@wasm-opt $(WASM_ASYNCIFY) $@.ld -o $@.tmp && rm $@.ld
	@wasm-validate --enable-threads $@.tmp && mv $@.tmp $@

$(WASM_PROGS)/nostart.wasm: $(WASM_PROGS)/nostart.o
	$(call show,LD wasm-prog,$@)wasm-ld $(WASM_PROG_LDFLAGS) -o $@ $^

# A WASI command built by Debian's clang and wasi-libc (packages wasi-libc,
# libclang-rt-14-dev-wasm32; clang finds /usr/include/wasm32-wasi and
# /usr/lib/wasm32-wasi for this target without --sysroot).
$(WASM_PROGS)/wasi-t.wasm: tests/wasm/progs/wasi.c
	@mkdir -p $(@D)
	$(call show,CC wasi,$<)$(CLANG) --target=wasm32-wasi -O2 -Wall $< -o $@

$(WASM_PROGS)/wasi-foreign.wasm: tests/wasm/progs/wasi-foreign.wat
	@mkdir -p $(@D)
	$(call show,WAT2WASM,$@)wat2wasm $< -o $@

$(WASM_PROGS)/bad-module:
	@mkdir -p $(@D)
	@printf '\0asm\1\0\0\0this is not a module' > $@

$(WASM_PROGS)/initrd.list: tests/wasm/progs/progs.mk
	@mkdir -p $(@D)
	@{ for d in bin dev mnt proc tmp; do echo "dir /$$d 0755 0 0"; done; \
	   echo "file /bin/t $(WASM_PROGS)/t.wasm 0755 0 0"; \
	   echo "file /bin/bad-module $(WASM_PROGS)/bad-module 0755 0 0"; \
	   echo "file /bin/hello-copy $(WASM_PROGS)/t.wasm 0755 0 0"; \
	   echo "file /bin/nostart.wasm $(WASM_PROGS)/nostart.wasm 0755 0 0"; \
	   echo "file /bin/wasi-t $(WASM_PROGS)/wasi-t.wasm 0755 0 0"; \
	   echo "file /bin/wasi-foreign.wasm $(WASM_PROGS)/wasi-foreign.wasm 0755 0 0"; \
	   for t in $(WASM_PROG_TESTS); do echo "slink /bin/$$t /bin/t 0777 0 0"; done; } > $@

$(WASM_PROGS)/initrd.cpio: $(WASM_PROGS)/initrd.list $(WASM_PROGS)/t.wasm \
		$(WASM_PROGS)/bad-module $(WASM_PROGS)/nostart.wasm $(WASM_PROGS)/wasi-t.wasm \
		$(WASM_PROGS)/wasi-foreign.wasm userland/mkcpio.py
	$(call show,CPIO,$@)python3 userland/mkcpio.py $< $@

.PHONY: wasm-progs
wasm-progs: $(WASM_PROGS)/initrd.cpio ## Build the wasm tier's test programs and initramfs
