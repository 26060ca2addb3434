/**
 * The version of the lowering and kernel ABI; manifests from another version are not used. A
 * precompiled module is matched by its document's and generated source's hashes and by this
 * version: the AssemblyScript runtime and library under assembly/ are not in the generated source,
 * so a change there must move this version on, or old modules would keep the old runtime code.
 * test/backend/wasm/version.test.ts holds assembly/'s hash (ASSEMBLY_SHA256) and fails until both
 * are updated together.
 */
export const COMPILER_VERSION = 'pfa-wasm-kernel-2';

/** SHA-256 of assembly/**\/*.ts (sorted paths, each path, a newline, its text, a newline) at COMPILER_VERSION. */
export const ASSEMBLY_SHA256 = 'b805dd1869c85d07b3242c7ee2baef15569f269047522da887ee8e150138774e';
