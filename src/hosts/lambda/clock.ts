/**
 * The handler's clock, in milliseconds. Not the global `performance`: its first use loads Node's
 * perf_hooks and ten internal modules with it (process.moduleLoadList), which every cold start
 * would pay for one timing; process.hrtime is loaded when Node starts.
 */
/*! @eager */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds to the microsecond, as the log and Server-Timing give them. */
/*! @eager */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
