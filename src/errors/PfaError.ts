/**
 * The one error class of pfa-wasm (STYLE.md item 4). Every failure a user can cause, from a
 * malformed document to a library function's runtime error, is a PfaError with a phase (`kind`),
 * the spec's numeric code where the spec names one, and where it happened. Messages and codes come
 * from the catalog (messages.ts, runtime.ts, codes.ts); the library words its own (src/lib).
 */
export type PfaErrorKind = 'syntax' | 'semantic' | 'init' | 'runtime' | 'user' | 'timeout' | 'input';

export interface PfaErrorDetails {
  code?: number;
  /** JSON Pointer into the PFA document. */
  path?: string;
  /** JSON Pointer into the input datum that was rejected. */
  inputPath?: string;
  /** The library function involved, by its spec name. */
  fcn?: string;
}

export class PfaError extends Error {
  readonly kind: PfaErrorKind;
  readonly code: number | undefined;
  path: string | undefined;
  inputPath: string | undefined;
  fcn: string | undefined;

  constructor(kind: PfaErrorKind, message: string, details: PfaErrorDetails = {}) {
    super(message);
    this.name = 'PfaError';
    this.kind = kind;
    this.code = details.code;
    this.path = details.path;
    this.inputPath = details.inputPath;
    this.fcn = details.fcn;
  }

  /** A one-line description for logs and the CLI: kind, message, code, function and path. */
  describe(): string {
    const parts = [`${this.kind} error: ${this.message}`];
    if (this.code !== undefined) parts.push(`code ${this.code}`);
    if (this.fcn !== undefined) parts.push(`in ${this.fcn}`);
    if (this.path !== undefined) parts.push(`at ${this.path || '/'}`);
    if (this.inputPath !== undefined) parts.push(`input ${this.inputPath || '/'}`);
    return parts.join(', ');
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { kind: this.kind, error: this.message };
    if (this.code !== undefined) out.code = this.code;
    if (this.fcn !== undefined) out.fcn = this.fcn;
    if (this.path !== undefined) out.path = this.path;
    if (this.inputPath !== undefined) out.inputPath = this.inputPath;
    return out;
  }
}

/** Appends one segment to a JSON Pointer, escaping `~` and `/` as RFC 6901 says. */
export function pointer(base: string, segment: string | number): string {
  return `${base}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
