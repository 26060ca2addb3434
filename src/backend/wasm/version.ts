/** The version of the lowering and kernel ABI; manifests from another version are not used. */
export const COMPILER_VERSION = 'pfa-wasm-kernel-1';
