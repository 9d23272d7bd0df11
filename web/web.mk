# The page: web/ plus xterm.js, the host shim and the wasm build, assembled
# into build/web/ (a self-contained static site), and `make run` to serve it.

WEB_OUT := $(BUILD)/web
WEB_SRCS := $(wildcard web/*.html web/*.css web/*.js) web/_headers
WEB_TOOLS := web/preload.mjs web/bundle.mjs
XTERM_FILES := node_modules/@xterm/xterm/lib/xterm.js node_modules/@xterm/xterm/css/xterm.css \
	node_modules/@xterm/addon-fit/lib/addon-fit.js
SHIM_SRCS := $(shell find host-shim -name '*.js' 2>/dev/null)
# The page boots the wasm32 userland's initramfs (userland/userland.mk),
# fetched plain; its .gz beside it is what servers send compressed
# (web/server.mjs; docs/web.md, "Hosting the built page elsewhere").
WEB_INITRAMFS := $(INITRAMFS_wasm32)
# The empty ext2 image a first visit copies into the page's disk (docs/web.md, "The disk").
WEB_HOME_IMAGE := $(BUILD)/images/home.sparse.gz
WEB_HOME_SIZE := 64M
# Its size in bytes, in index.html's janux-home-bytes: a first visit boots
# with a disk of that size while the image is copied in (web/disk.js).
WEB_HOME_BYTES := $(shell numfmt --from=iec $(WEB_HOME_SIZE))

# The last `make bench` chart and results, served with the page as
# bench.svg and bench.json when a bench has run (docs/web.md); the page
# does not need them. Run after assembling the page and after `make bench`.
WEB_BENCH_COPY = if [ -f $(BUILD)/bench/chart.svg ] && [ -d $(WEB_OUT) ]; then \
	cp $(BUILD)/bench/chart.svg $(WEB_OUT)/bench.svg && cp $(BUILD)/bench/results.json $(WEB_OUT)/bench.json; fi

.PHONY: web run
web: $(WEB_OUT)/.stamp ## Assemble the static page into build/web/
ALL_TARGETS += web

# The page ships kernel.wasm without its DWARF and name sections (about a
# sixth of the size), and the kernel workers' script and main.js each as
# one file (see docs/web.md).
$(WEB_HOME_IMAGE): userland/home-image.sh web/web.mk
	@mkdir -p $(@D)
	$(call show,IMAGE,$@)userland/home-image.sh $@ $(WEB_HOME_SIZE)

$(WEB_OUT)/.stamp: $(WEB_SRCS) $(XTERM_FILES) $(SHIM_SRCS) $(KERNEL_WASM) $(WEB_INITRAMFS) $(WEB_INITRAMFS).gz $(WEB_HOME_IMAGE) $(WEB_TOOLS) web/web.mk
	$(call show,WEB,$(WEB_OUT))rm -rf $(WEB_OUT) && mkdir -p $(WEB_OUT)/xterm
	@cp $(WEB_SRCS) $(WEB_OUT)/
	@sed -i 's/@HOME_BYTES@/$(WEB_HOME_BYTES)/' $(WEB_OUT)/index.html
	@cp $(XTERM_FILES) $(WEB_OUT)/xterm/
	@cp -r host-shim $(WEB_OUT)/host-shim
	@node web/bundle.mjs host-shim/kernel-worker.js $(WEB_OUT)/host-shim/kernel-worker.js
	@node web/bundle.mjs $(WEB_OUT)/main.js $(WEB_OUT)/main.js
	@wasm-strip -o $(WEB_OUT)/kernel.wasm $(KERNEL_WASM)
	@for f in $(WEB_INITRAMFS); do cp $$f $$f.gz $(WEB_OUT)/; done
	@cp $(WEB_HOME_IMAGE) $(WEB_OUT)/
	@node web/preload.mjs $(WEB_OUT) main.js $(addprefix --payload ,$(notdir $(WEB_INITRAMFS)))
	@$(WEB_BENCH_COPY)
	@touch $@

run: deps ## Install, build, serve the page on 127.0.0.1 and print its URL
	@$(MAKE) --no-print-directory all
	@node web/server.mjs --root $(WEB_OUT)
