/**
 * Symbol scopes (spec sec. 4): lexical, block-level, no shadowing. A scope "sealed from above"
 * may read but not reassign symbols declared outside it; one "sealed within" may not declare.
 * Slots are numbered per frame (one frame per routine or user function; an inline fcndef shares
 * the frame of the function around it, so it can read that function's symbols).
 */
import { AvroType } from '../types/avro.js';
import { checkMessages as M } from '../errors/checkMessages.js';

export class Frame {
  size = 0;
  alloc(): number {
    return this.size++;
  }
}

interface Symbol {
  readonly slot: number;
  readonly type: AvroType;
  readonly readonly: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class Scope {
  private readonly symbols = new Map<string, Symbol>();

  constructor(
    readonly parent: Scope | null,
    readonly frame: Frame,
    readonly sealedAbove: boolean,
    readonly sealedWithin: boolean,
  ) {}

  child(opts: { sealedAbove?: boolean; sealedWithin?: boolean; frame?: Frame } = {}): Scope {
    return new Scope(this, opts.frame ?? this.frame, opts.sealedAbove ?? false, opts.sealedWithin ?? false);
  }

  lookup(name: string): Symbol | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const sym = s.symbols.get(name);
      if (sym) return sym;
    }
    return undefined;
  }

  declare(name: string, type: AvroType, path: string, readonly = false): number {
    if (!NAME.test(name)) throw M.badSymbolName.at(path, name);
    if (this.sealedWithin) throw M.sealedScope.at(path, name);
    if (this.lookup(name)) throw M.shadowing.at(path, name);
    const slot = this.frame.alloc();
    this.symbols.set(name, { slot, type, readonly });
    return slot;
  }

  /** The symbol `name` if it may be reassigned from here; throws a semantic error otherwise. */
  assignable(name: string, path: string): Symbol {
    let crossedSeal = false;
    for (let s: Scope | null = this; s; s = s.parent) {
      const sym = s.symbols.get(name);
      if (sym) {
        if (sym.readonly) throw M.readOnly.at(path, name);
        if (crossedSeal) throw M.crossesSeal.at(path, name);
        return sym;
      }
      if (s.sealedAbove) crossedSeal = true;
    }
    throw M.unknownSymbol.at(path, name);
  }
}
