/**
 * Instantiating a kernel (DESIGN.md decision 8): all instantiation lives here, so the choice of
 * loader can change in one place. The module imports an abort hook and the host functions below
 * (clock, random, string compare, a string's text and the code of a made string, emit, log, mark,
 * library calls run on the host: call, take): no math (its Math is the fdlibm port, asconfig.json), no
 * WASI, no Node APIs, so it runs in a browser with the same bits.
 */
import { runtimeMessages as R } from '../../errors/runtime.js';
import type { ErrorSite } from './lower/lowered.js';
import type { HostCalls } from './hostCalls.js';
import type { StringDict } from './wire.js';
export interface KernelExports {
  memory: WebAssembly.Memory;
  errorSite: WebAssembly.Global;
  /** The value the failing site's message names (assembly/runtime.ts failWith); absent in kernels before version 4. */
  errorDetail?: WebAssembly.Global;
  outPos: WebAssembly.Global;
  wireBuffer(size: number): number;
  outBegin(): number;
  /** Forgets the texts the kernel mirrors (assembly/lib/util/text.ts); absent in kernels before version 7. */
  textForget?(): void;
  /** Where the kernel keeps a copy of outBegin() (assembly/runtime.ts): read without a call. */
  outBaseSlot?(): number;
  pfaLoad(ptr: number): void;
  pfaAction(ptr: number, started: number, finished: number, instance: number): number;
  pfaActionBatch(ptr: number, n: number, started: number, finished: number, instance: number): number;
  markRecords: WebAssembly.Global;
  /** The "minimal" runtime's collector: call only between kernel calls (asconfig.json exportRuntime). */
  __collect(): void;
  /** True for an arena kernel (assembly/runtime.ts, "Memory"): it frees its own memory; never collect. */
  arena?: WebAssembly.Global;
  batchDone: WebAssembly.Global;
  pfaBegin?(ptr: number, started: number, finished: number, instance: number): number;
  pfaEnd?(ptr: number, started: number, finished: number, instance: number): number;
  pfaCellOut(k: number): void;
  pfaSetTally?(ptr: number): void;
}

export interface KernelHost {
  random(): number;
  clock(): number;
  strcmp(a: number, b: number): number;
  /**
   * Writes the UTF-16 units of the dictionary string `code` at `ptr` if it has at most `capacity`
   * of them; returns how many it has (assembly/lib/util/text.ts textOf).
   */
  text(code: number, ptr: number, capacity: number): number;
  /** The dictionary code of the string of `units` UTF-16 units at `ptr` (a string made in the kernel). */
  intern(ptr: number, units: number): number;
  emit(ptr: number, len: number): void;
  /** A `log` form ran: its values are on the wire at `ptr`, typed as log site `site` says. */
  log(site: number, ptr: number): void;
  /** Runs the library call of error site `site` on the host, its values in the slots at `ptr` (hostCalls.ts). */
  call(site: number, ptr: number): number;
  /** Copies the last call's array or wire result to `ptr`. */
  take(ptr: number): void;
  /** The UTC offset in seconds of the dictionary string `zone` at the instant `t`, NaN for an unknown zone (time.*). */
  zoneOffset(zone: number, t: number): number;
  /** Record `i` of a batch starts (called only while the host sets markRecords). */
  mark(i: number): void;
}

/**
 * Milliseconds with sub-millisecond steps, for the collector's pacing. In Node, process.hrtime:
 * the global `performance` loads perf_hooks at its first use, and a kernel is created in every
 * cold start (src/hosts/lambda); browsers have only `performance`.
 */
const hrtime = (globalThis as { process?: { hrtime?: { bigint(): bigint } } }).process?.hrtime;
const now = hrtime ? () => Number(hrtime.bigint()) / 1e6 : () => performance.now();

/** Whether a kernel with these error sites runs library calls on the host (the sites of those calls carry `call`). */
/*! @eager */
export function makesHostCalls(sites: readonly ErrorSite[]): boolean {
  // (a loop, not `some`: a callback is one more function for a cold start to compile)
  for (const s of sites) if (s.call !== undefined) return true;
  return false;
}

/** A trap or abort inside the kernel: the instance may be inconsistent and is replaced. */
export class KernelFault extends Error {}

/*! @eager */
export async function instantiate(module: WebAssembly.Module, host: KernelHost): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(module, kernelImports(host));
  return instance.exports as unknown as KernelExports;
}

/*! @eager */
function kernelImports(host: KernelHost): WebAssembly.Imports {
  return {
    env: {
      abort: () => {
        throw new KernelFault(R.kernelAborted.text());
      },
    },
    pfa: {
      clock: host.clock,
      strcmp: host.strcmp,
      text: host.text,
      intern: host.intern,
      emit: host.emit,
      log: host.log,
      random: host.random,
      mark: host.mark,
      call: host.call,
      take: host.take,
      zoneOffset: host.zoneOffset,
    },
  } as WebAssembly.Imports;
}

/**
 * One kernel instance, possibly shared by several engines (a batch module): host callbacks go to
 * the engine currently calling in. After a trap the instance is replaced (`generation` moves on)
 * and each engine reloads its cells before its next call.
 */
export class KernelInstance {
  exports!: KernelExports;
  current: KernelHost | null = null;
  generation = 0;
  /** The host whose dictionary's texts the kernel mirrors (assembly/lib/util/text.ts); null in a new instance. */
  textOwner: KernelHost | null = null;

  /**
   * The library calls run on the host (hostCalls.ts), loaded with import() only for a kernel that
   * may make them: that module brings whole library namespaces (s, parse) with their signatures,
   * which a kernel without call sites never uses (the Lambda's cold start, src/hosts/lambda).
   */
  private hostCallsClass: typeof HostCalls | null = null;

  private constructor(private readonly module: WebAssembly.Module) {}

  /** `hostCalls`: whether any engine on this kernel has call sites (`makesHostCalls`); if unsure, true. */
  static async create(module: WebAssembly.Module, hostCalls = true): Promise<KernelInstance> {
    const k = new KernelInstance(module);
    if (hostCalls) k.hostCallsClass = (await import('./hostCalls.js')).HostCalls;
    await k.restart();
    return k;
  }

  /** The host calls of an engine with these error sites on this kernel; null when it makes none. */
  hostCallsFor(sites: readonly ErrorSite[], dict: StringDict, random: () => number): HostCalls | null {
    if (!makesHostCalls(sites)) return null;
    if (!this.hostCallsClass)
      throw new Error('the kernel was instantiated without host calls, but an engine on it makes them');
    return new this.hostCallsClass(sites, dict, random);
  }

  /** An arena kernel resets its own memory at each call: no collection from the host (read by the host's per-record path to skip the call). */
  arena = false;

  async restart(): Promise<void> {
    instanceStarted(this, await instantiate(this.module, kernelHost(this)));
  }

  /**
   * Replaces the instance at once (a batch goes on after a trap). The module is compiled already,
   * so this is quick; Chromium allows it on the main thread too (a 46 KB kernel, tried in 2026:
   * only synchronous compilation of large modules is refused there).
   */
  restartSync(): void {
    instanceStarted(
      this,
      new WebAssembly.Instance(this.module, kernelImports(kernelHost(this))).exports as unknown as KernelExports,
    );
  }

  private calls = 0;
  private interval = 16;
  private collections = 0;
  private lastCollect = now();
  private memoryBytes = 0;
  /** Milliseconds to mark the live objects alone (a collection with no garbage), measured now and then. */
  private markMs = 0;

  /**
   * Called after a kernel call returned, when no kernel frame holds a reference (the kernels'
   * runtime never collects on its own; see assembly/runtime.ts). A collection costs a mark of every
   * live object (a 1,000-node tree: large) plus a sweep of the garbage (the same per call whatever
   * the interval). So the interval is chosen from the mark alone: long enough that marking takes
   * under ~5% of the calls' time, between 16 and 4,096 calls (garbage stays bounded); a collection
   * also follows at once when the kernel's memory grew.
   */
  collectSometimes(): void {
    if (this.arena) return;
    const calls = ++this.calls;
    // (memory.buffer is a slow getter: look at the memory's size every 16 calls only)
    if (calls < this.interval && ((calls & 15) !== 0 || this.exports.memory.buffer.byteLength === this.memoryBytes))
      return;
    const started = now();
    this.exports.__collect();
    let finished = now();
    if (this.collections++ % 16 === 0) {
      // A second collection at once finds no garbage: its time is the mark's.
      this.exports.__collect();
      const again = now();
      this.markMs = again - finished;
      finished = again;
    }
    const perCall = Math.max(started - this.lastCollect, 1e-6) / calls;
    this.interval = Math.min(4096, Math.max(16, Math.ceil((20 * this.markMs) / perCall)));
    this.calls = 0;
    this.lastCollect = finished;
    this.memoryBytes = this.exports.memory.buffer.byteLength;
  }

  /** An entry point of the engine whose exports carry `prefix` (empty for a one-engine module). */
  entry<F>(prefix: string, name: string): F | undefined {
    return (this.exports as unknown as Record<string, F | undefined>)[prefix + name];
  }
}

// (Functions rather than KernelInstance's methods: a cold start runs them once, and a function
// hinted for the script's compile, deploy/eager.ts, costs it less than a method: issue 17.)

/** `k`'s new instance: no host has run on it, so each one's next call owns it and loads its cells. */
/*! @eager */
function instanceStarted(k: KernelInstance, exports: KernelExports): void {
  k.exports = exports;
  k.current = null;
  k.textOwner = null;
  k.arena = Boolean(exports.arena?.value);
  k.generation++;
}

/** The imports of `k`'s instances: each goes to the engine calling in (`current`). */
/*! @eager */
function kernelHost(k: KernelInstance): KernelHost {
  return {
    random: () => k.current!.random(),
    clock: () => k.current!.clock(),
    strcmp: (a, b) => k.current!.strcmp(a, b),
    text: (c, p, n) => k.current!.text(c, p, n),
    intern: (p, n) => k.current!.intern(p, n),
    emit: (p, n) => k.current!.emit(p, n),
    log: (site, p) => k.current!.log(site, p),
    call: (site, p) => k.current!.call(site, p),
    take: (p) => k.current!.take(p),
    zoneOffset: (z, t) => k.current!.zoneOffset(z, t),
    mark: (i) => k.current!.mark(i),
  };
}

/**
 * What the host raises for an exception that escaped a kernel call (the caller replaces the
 * instance): an abort (out of memory, internal error) is 1201, a trap (stack overflow, memory
 * limit) 1200; anything else is passed on unchanged.
 */
export function kernelError(e: unknown): unknown {
  if (e instanceof KernelFault) return R.kernelAborted.error();
  if (e instanceof RangeError || e instanceof WebAssembly.RuntimeError) {
    return R.kernelTrapped.error((e as Error).message);
  }
  return e;
}

/** The value the last failing site's message names (0 from kernels before version 4, which have none). */
export function errorDetailOf(k: KernelExports): number {
  return (k.errorDetail?.value as number | undefined) ?? 0;
}

export { siteError } from './siteError.js';
