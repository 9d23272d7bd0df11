// One kernel instance over the shared kernel memory: instantiation and the
// per-instance set-up every worker but the boot one needs (its own stack
// pointer and TLS block, ARCHITECTURE.md section 9).

/**
 * Instantiate the kernel module over `imports` (which carry env.memory).
 * @param {WebAssembly.Module} module
 * @param {object} imports  from kernelImports()
 * @returns {Promise<WebAssembly.Instance>}
 */
export function instantiateKernel(module, imports) {
  return WebAssembly.instantiate(module, imports);
}

/**
 * Make `instance` kernel cpu `cpu`: point its stack pointer at `stackTop`,
 * initialise its thread-locals in `tlsBlock` (both in kernel memory, owned
 * by this instance alone), then call kernel_cpu_enter. Must run before any
 * other kernel entry on this instance.
 * @param {WebAssembly.Instance} instance
 * @param {{cpu: number, stackTop: number, tlsBlock: number}} area
 */
export function enterCpu(instance, { cpu, stackTop, tlsBlock }) {
  const x = instance.exports;
  x.__stack_pointer.value = stackTop;
  x.__wasm_init_tls(tlsBlock);
  x.kernel_cpu_enter(cpu);
}
