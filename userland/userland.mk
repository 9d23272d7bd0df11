# Userland: musl and busybox from pinned Debian source packages, built with
# Debian's clang/lld for every arch in UL_ARCHES, then /etc and a newc cpio
# initramfs per arch. Sources: cache/src/<pkg>/ (userland/fetch.sh);
# outputs: build/userland/, build/sysroot/<arch>/, build/images/.
# docs/userland.md describes the whole pipeline.

UL := $(BUILD)/userland
UL_SRC := $(UL)/src
UL_ARCHES := aarch64 wasm32
UL_PKGS := musl busybox
IMAGES := $(BUILD)/images

# Sub-builds use the caller's jobserver under `make -jN`, two jobs otherwise.
UL_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j2)
# Runs a noisy command with its output in a log; on failure shows the tail.
# $(1): log file, $(2): command.
ul_logged = ( $(2) ) > $(1) 2>&1 || { tail -n 30 $(1); echo "see $(1)"; exit 1; }

# Per-arch facts. MUSL_TARGET: musl's configure --target and clang's triple.
# KHEADERS: Linux UAPI headers (linux/, asm/, ...) copied into the sysroot,
# from Debian's linux-libc-dev-<arch>-cross (a gcc-<arch>-linux-gnu dependency).
# MUSL_CC: the compiler musl is built with (bin/janux-cc needs the sysroot
# this makes, so it cannot be used here). wasm32's flags match janux-cc's:
# the features of docs/wasm32-abi.md and local-exec TLS. wasm32 has no
# cross headers of its own: it takes the arch-independent ones from
# aarch64's and an asm/ made of wrappers around asm-generic/ (what Linux
# generates for an asm-generic arch).
MUSL_TARGET_aarch64 := aarch64-linux-musl
MUSL_CC_aarch64 := $(CLANG) --target=aarch64-linux-musl -fuse-ld=lld
KHEADERS_aarch64 := /usr/aarch64-linux-gnu/include
KHEADER_DIRS_aarch64 := asm asm-generic linux mtd
MUSL_TARGET_wasm32 := wasm32
MUSL_CC_wasm32 := $(CLANG) --target=wasm32 -matomics -mbulk-memory \
	-mmutable-globals -ftls-model=local-exec
KHEADERS_wasm32 := $(KHEADERS_aarch64)
KHEADER_DIRS_wasm32 := asm-generic linux mtd
KHEADERS_ASM_GENERIC_wasm32 := yes

# --- sources: fetched, verified, unpacked fresh, patched -------------------
define ul_src_rules
$(UL_SRC)/$(1).stamp: userland/fetch.sh userland/$(1)/source $(wildcard userland/$(1)/patches/*.patch) \
		$(shell find userland/$(1)/overlay -type f 2>/dev/null)
	@mkdir -p $(UL_SRC)
	$$(call show,FETCH,$(1))userland/fetch.sh $(1) $(UL_SRC)/$(1) > $(UL_SRC)/$(1).log
	@touch $$@
endef
$(foreach p,$(UL_PKGS),$(eval $(call ul_src_rules,$(p))))

# --- musl: libc.a, crt files and headers into the sysroot -------------------
define ul_musl_rules
SYSROOT_$(1) := $(BUILD)/sysroot/$(1)
SYSROOT_LIBC_$(1) := $(BUILD)/sysroot/$(1)/usr/lib/libc.a

$$(SYSROOT_LIBC_$(1)): $(UL_SRC)/musl.stamp
	@rm -rf $(UL)/musl-$(1) $$(SYSROOT_$(1)) && mkdir -p $(UL)/musl-$(1)
	$$(call show,CONFIGURE,musl $(1))cd $(UL)/musl-$(1) && $$(call ul_logged,configure.log, \
		$(CURDIR)/$(UL_SRC)/musl/configure --target=$(MUSL_TARGET_$(1)) \
		--prefix=/usr --syslibdir=/lib --disable-shared \
		CC="$(MUSL_CC_$(1))" \
		AR=llvm-ar RANLIB=llvm-ranlib)
	$$(call show,MAKE,musl $(1))$$(call ul_logged,$(UL)/musl-$(1)/build.log, \
		$$(MAKE) $$(UL_JOBS) -C $(UL)/musl-$(1) && \
		$$(MAKE) -C $(UL)/musl-$(1) install DESTDIR=$(CURDIR)/$$(SYSROOT_$(1)))
	$$(call show,KHEADERS,$(1))for d in $(KHEADER_DIRS_$(1)); do \
		cp -r $(KHEADERS_$(1))/$$$$d $$(SYSROOT_$(1))/usr/include/ || exit 1; done
	$(if $(KHEADERS_ASM_GENERIC_$(1)),@mkdir -p $$(SYSROOT_$(1))/usr/include/asm && \
		for h in $(KHEADERS_$(1))/asm-generic/*.h; do h=$$$${h##*/}; \
		echo "#include <asm-generic/$$$$h>" > $$(SYSROOT_$(1))/usr/include/asm/$$$$h; done)
	@touch $$@

.PHONY: sysroot-$(1)
sysroot-$(1): $$(SYSROOT_LIBC_$(1))
endef
$(foreach a,$(UL_ARCHES),$(eval $(call ul_musl_rules,$(a))))

# --- busybox: one committed config for every arch ---------------------------
BUSYBOX_CONFIG := userland/busybox/config
# Cross tools: clang through janux-cc (sysroot headers and libs only), LLVM
# binutils, the host's gcc for kconfig and the other build-time helpers.
BUSYBOX_MAKEVARS = HOSTCC=gcc AR=llvm-ar NM=llvm-nm STRIP=llvm-strip \
	OBJCOPY=llvm-objcopy OBJDUMP=llvm-objdump \
	KCONFIG_NOTIMESTAMP=1 BB_EXTRA_VERSION=Janux
# The linker of busybox's `ld -nostdlib -r` steps (wasm-ld through clang,
# which takes -nostdlib).
BUSYBOX_LD_aarch64 := ld.lld
BUSYBOX_LD_wasm32 := "$(CLANG) --target=wasm32"

define ul_busybox_rules
BUSYBOX_$(1) := $(UL)/busybox-$(1)/busybox

# The config must be complete: oldconfig may not change a single setting.
$$(BUSYBOX_$(1)): $(UL_SRC)/busybox.stamp $(BUSYBOX_CONFIG) $$(SYSROOT_LIBC_$(1)) bin/janux-cc
	@mkdir -p $(UL)/busybox-$(1)
	@cp $(BUSYBOX_CONFIG) $(UL)/busybox-$(1)/.config
	$$(call show,CONFIG,busybox $(1))$$(call ul_logged,$(UL)/busybox-$(1)/config.log, \
		yes '' | $$(MAKE) -C $(UL_SRC)/busybox O=$(CURDIR)/$(UL)/busybox-$(1) \
		$$(BUSYBOX_MAKEVARS) LD=$(BUSYBOX_LD_$(1)) oldconfig)
	@diff <(grep CONFIG_ $(BUSYBOX_CONFIG)) <(grep CONFIG_ $(UL)/busybox-$(1)/.config) || \
		{ echo "$(BUSYBOX_CONFIG) is incomplete for busybox (oldconfig changed the lines above)"; exit 1; }
	$$(call show,MAKE,busybox $(1))$$(call ul_logged,$(UL)/busybox-$(1)/build.log, \
		$$(MAKE) $$(UL_JOBS) -C $(UL_SRC)/busybox O=$(CURDIR)/$(UL)/busybox-$(1) \
		$$(BUSYBOX_MAKEVARS) LD=$(BUSYBOX_LD_$(1)) CC="$(CURDIR)/bin/janux-cc --arch $(1)" \
		busybox busybox.links)
	@touch $$@

.PHONY: busybox-$(1)
busybox-$(1): $$(BUSYBOX_$(1))
endef
$(foreach a,$(UL_ARCHES),$(eval $(call ul_busybox_rules,$(a))))

# --- initramfs: manifest -> newc cpio (+ gzip -n, no name or time) ----------
UL_ETC := $(sort $(wildcard userland/etc/* userland/etc/*/*))

define ul_image_rules
INITRAMFS_$(1) := $(IMAGES)/initramfs-$(1).cpio

$(UL)/rootfs-$(1).list: $$(BUSYBOX_$(1)) userland/rootfs.sh $(UL_ETC) VERSION
	$$(call show,ROOTFS,$$@)userland/rootfs.sh $$(BUSYBOX_$(1)) \
		$(UL)/busybox-$(1)/busybox.links $(UL)/rootfs-$(1) > $$@.tmp && mv $$@.tmp $$@

$$(INITRAMFS_$(1)): $(UL)/rootfs-$(1).list userland/mkcpio.py
	@mkdir -p $$(@D)
	$$(call show,CPIO,$$@)userland/mkcpio.py $$< $$@

$$(INITRAMFS_$(1)).gz: $$(INITRAMFS_$(1))
	$$(call show,GZIP,$$@)gzip -9 -n -c $$< > $$@.tmp && mv $$@.tmp $$@

.PHONY: initramfs-$(1)
initramfs-$(1): $$(INITRAMFS_$(1)) $$(INITRAMFS_$(1)).gz
endef
$(foreach a,$(UL_ARCHES),$(eval $(call ul_image_rules,$(a))))

# Per-arch targets: sysroot-<arch>, busybox-<arch>, initramfs-<arch>.
.PHONY: userland
userland: $(addprefix initramfs-,$(UL_ARCHES)) ## Build sysroots, busybox and the initramfs for every arch (also sysroot-/busybox-/initramfs-<arch>)
ALL_TARGETS += userland
