/**
 * V8's Array.prototype.sort, emitted inline for the Wasm forms whose JS form sorts with a
 * user's lessThan (a.sortLT, and util/ranking's topN for n > 8). With a consistent order any
 * stable sort would do (util/wasm stableSorted), but lessThan may be inconsistent (`<=`, `<` on
 * NaN), and then the answer depends on the algorithm: this is the same one, step for step, so
 * the same comparisons happen in the same order with the same results.
 *
 * Algorithm: Tim Peters' listsort as V8 implements it (third_party/v8/builtins/array-sort.tq:
 * CountAndMakeRun, BinaryInsertionSort, GallopLeft/Right, MergeLow/High, MergeCollapse,
 * MergeForceCollapse; kMinGallopWins 7; no separate small-array path in V8 11.3, Node 20).
 * Every comparison the algorithm makes is only ever tested for "< 0", so `less(x, y)` is asked
 * for exactly that: it emits the comparator's calls and returns a pure bool expression.
 */
import { AvroType } from '../../types/avro.js';
import { WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Less = (x: string, y: string) => string;

/** A sorted copy of `a` (items of type t), exactly as V8 sorts it with comparator `less`. */
export function v8Sorted(c: WasmCall, t: AvroType, a: string, less: Less): string {
  const E = c.type(t);
  const s = new Emitter(c, t, `Array<${E}>`, less);
  return s.sort(a);
}

class Emitter {
  private readonly i32 = (init = '0') => this.c.temp('i32', init);
  private readonly item = () => this.c.temp(this.E, this.c.zero(this.t));
  private readonly E: string;
  private w = '';
  private minGallop = '';

  constructor(
    private readonly c: WasmCall,
    private readonly t: AvroType,
    private readonly A: string,
    private readonly less: Less,
  ) {
    this.E = c.type(t);
  }

  private emit(s: string): void {
    this.c.emit(s);
  }
  private at(arr: string, i: string): string {
    return `unchecked(${arr}[${i}])`;
  }

  sort(a: string): string {
    const { c } = this;
    const w = (this.w = c.temp(this.A, `${a}.slice(0)`));
    const n = this.i32(`${w}.length`);
    this.c.if_(`${n} >= 2`, () => {
      this.minGallop = this.i32('7');
      const size = this.i32('0');
      const bases = c.temp('Array<i32>', 'new Array<i32>(86)');
      const lens = c.temp('Array<i32>', 'new Array<i32>(86)');
      const remaining = this.i32(n),
        low = this.i32('0');
      // ComputeMinRunLength
      const nn = this.i32(n),
        r = this.i32('0');
      this.emit(`while (${nn} >= 64) { ${r} |= ${nn} & 1; ${nn} >>= 1; }`);
      const minRun = this.i32(`${nn} + ${r}`);
      const forcing = c.temp('bool', 'false');
      const cur = this.i32(),
        m = this.i32();
      this.c.block('while (true)', () => {
        this.c.if_(`${remaining} != 0`, () => {
          this.countAndMakeRun(low, `${low} + ${remaining}`, cur);
          this.c.if_(`${cur} < ${minRun}`, () => {
            this.binaryInsertionSort(low, `${low} + ${cur}`, `${low} + min(${minRun}, ${remaining})`);
            this.emit(`${cur} = min(${minRun}, ${remaining});`);
          });
          this.emit(`${bases}[${size}] = ${low}; ${lens}[${size}] = ${cur}; ${size}++;`);
          this.emit(`${low} += ${cur}; ${remaining} -= ${cur};`);
        });
        // MergeCollapse after each run, MergeForceCollapse at the end: one merge site for both.
        const inv = (k: string) => `(${k} < 2 || ${lens}[${k} - 2] > ${lens}[${k} - 1] + ${lens}[${k}])`;
        this.c.block(`while (${size} > 1)`, () => {
          this.emit(c.clock());
          this.emit(`${m} = ${size} - 2;`);
          this.emit(`if (${forcing}) { if (${m} > 0 && ${lens}[${m} - 1] < ${lens}[${m} + 1]) ${m}--; }`);
          this.emit(
            `else if (!${inv(`(${m} + 1)`)} || !${inv(m)}) { if (${lens}[${m} - 1] < ${lens}[${m} + 1]) ${m}--; }`,
          );
          this.emit(`else if (${lens}[${m}] <= ${lens}[${m} + 1]) {} else break;`);
          this.mergeAt(m, size, bases, lens);
        });
        this.emit(`if (${forcing}) break;`);
        this.emit(`if (${remaining} == 0) ${forcing} = true;`);
      });
    });
    return w;
  }

  /** less(x, y) in a bool local (its statements emitted here). */
  private test(x: string, y: string): string {
    return this.c.temp('bool', this.less(x, y));
  }

  private countAndMakeRun(lowArg: string, high: string, out: string): void {
    const { w } = this;
    const lo = this.i32(`${lowArg} + 1`),
      hi = this.i32(high);
    this.emit(`${out} = 1;`);
    this.c.if_(`${lo} != ${hi}`, () => {
      this.emit(`${out} = 2;`);
      const desc = this.test(this.at(w, lo), this.at(w, `${lo} - 1`));
      const prev = this.item(),
        x = this.item();
      this.emit(`${prev} = ${this.at(w, lo)};`);
      const idx = this.i32(`${lo} + 1`);
      this.c.block(`for (; ${idx} < ${hi}; ${idx}++)`, () => {
        this.emit(this.c.clock());
        this.emit(`${x} = ${this.at(w, idx)};`);
        const o = this.test(x, prev);
        this.emit(`if (${desc} ? !${o} : ${o}) break;`);
        this.emit(`${prev} = ${x}; ${out}++;`);
      });
      const i = this.i32(),
        j = this.i32();
      // (a descending run is reversed in place: the if's opening and its loop on two lines, nothing between)
      this.c.group(
        [
          `if (${desc}) { ${i} = ${lowArg}; ${j} = ${lowArg} + ${out} - 1;`,
          `while (${i} < ${j}) { ${x} = ${this.at(w, i)}; ${RT.setAt}(${w}, ${i}, ${this.at(w, j)}); ${RT.setAt}(${w}, ${j}, ${x}); ${i}++; ${j}--; } }`,
        ],
        [() => {}],
      );
    });
  }

  private binaryInsertionSort(low: string, startArg: string, high: string): void {
    const { w } = this;
    const lo = this.i32(low),
      hi = this.i32(high);
    const start = this.i32(startArg);
    this.emit(`if (${lo} == ${start}) ${start}++;`);
    const left = this.i32(),
      right = this.i32(),
      mid = this.i32(),
      p = this.i32();
    const pivot = this.item();
    this.c.block(`for (; ${start} < ${hi}; ${start}++)`, () => {
      this.emit(this.c.clock());
      this.emit(`${left} = ${lo}; ${right} = ${start}; ${pivot} = ${this.at(w, start)};`);
      this.c.block(`while (${left} < ${right})`, () => {
        this.emit(`${mid} = ${left} + ((${right} - ${left}) >> 1);`);
        const o = this.test(pivot, this.at(w, mid));
        this.emit(`if (${o}) ${right} = ${mid}; else ${left} = ${mid} + 1;`);
      });
      this.emit(`for (${p} = ${start}; ${p} > ${left}; ${p}--) ${RT.setAt}(${w}, ${p}, ${this.at(w, `${p} - 1`)});`);
      this.emit(`${RT.setAt}(${w}, ${left}, ${pivot});`);
    });
  }

  /**
   * GallopLeft (left) or GallopRight into an i32 local: where `key` goes among the sorted
   * `length` items of `arr` from `base`, searching out from `hint`.
   */
  private gallop(
    left: boolean,
    arr: string,
    keyExpr: string,
    baseExpr: string,
    lengthExpr: string,
    hintExpr: string,
  ): string {
    const key = this.item();
    this.emit(`${key} = ${keyExpr};`);
    const base = this.i32(baseExpr),
      length = this.i32(lengthExpr),
      hint = this.i32(hintExpr);
    const lastOfs = this.i32('0'),
      offset = this.i32('1'),
      maxOfs = this.i32(),
      m = this.i32(),
      tmp = this.i32();
    const el = (i: string) => this.at(arr, `${base} + ${i}`);
    // cmp(a, key) < 0 for GallopLeft, cmp(key, a) < 0 for GallopRight.
    const q = (i: string) => (left ? this.test(el(i), key) : this.test(key, el(i)));
    const grow = `${lastOfs} = ${offset}; ${offset} = (${offset} << 1) + 1; if (${offset} <= 0) ${offset} = ${maxOfs};`;
    const first = q(hint);
    // GallopLeft gallops right when a[hint] < key; GallopRight gallops left when key < a[hint].
    this.c.if_(
      first,
      () => {
        if (left) this.towardsEnd(q, grow, hint, length, lastOfs, offset, maxOfs, true);
        else this.towardsStart(q, grow, hint, lastOfs, offset, maxOfs, tmp, true);
      },
      () => {
        if (left) this.towardsStart(q, grow, hint, lastOfs, offset, maxOfs, tmp, false);
        else this.towardsEnd(q, grow, hint, length, lastOfs, offset, maxOfs, false);
      },
    );
    this.emit(`${lastOfs}++;`);
    this.c.block(`while (${lastOfs} < ${offset})`, () => {
      this.emit(`${m} = ${lastOfs} + ((${offset} - ${lastOfs}) >> 1);`);
      const o = q(m);
      this.emit(
        left
          ? `if (${o}) ${lastOfs} = ${m} + 1; else ${offset} = ${m};`
          : `if (${o}) ${offset} = ${m}; else ${lastOfs} = ${m} + 1;`,
      );
    });
    return offset;
  }

  /** Gallop towards higher offsets while q holds (`stopWhen` false) or fails (true). */
  private towardsEnd(
    q: (i: string) => string,
    grow: string,
    hint: string,
    length: string,
    lastOfs: string,
    offset: string,
    maxOfs: string,
    stopWhenFalse: boolean,
  ): void {
    this.emit(`${maxOfs} = ${length} - ${hint};`);
    this.c.block(`while (${offset} < ${maxOfs})`, () => {
      const o = q(`${hint} + ${offset}`);
      this.emit(`if (${stopWhenFalse ? '!' : ''}${o}) break;`);
      this.emit(grow);
    });
    this.emit(`if (${offset} > ${maxOfs}) ${offset} = ${maxOfs};`);
    this.emit(`${lastOfs} += ${hint}; ${offset} += ${hint};`);
  }

  private towardsStart(
    q: (i: string) => string,
    grow: string,
    hint: string,
    lastOfs: string,
    offset: string,
    maxOfs: string,
    tmp: string,
    stopWhenFalse: boolean,
  ): void {
    this.emit(`${maxOfs} = ${hint} + 1;`);
    this.c.block(`while (${offset} < ${maxOfs})`, () => {
      const o = q(`${hint} - ${offset}`);
      this.emit(`if (${stopWhenFalse ? '!' : ''}${o}) break;`);
      this.emit(grow);
    });
    this.emit(`if (${offset} > ${maxOfs}) ${offset} = ${maxOfs};`);
    this.emit(`${tmp} = ${lastOfs}; ${lastOfs} = ${hint} - ${offset}; ${offset} = ${hint} - ${tmp};`);
  }

  /** Copy: overlapping ranges of one array are copied from the back when moving right. */
  private copy(src: string, sp: string, dst: string, dp: string, len: string): void {
    const k = this.i32();
    this.emit(
      `if (${sp} < ${dp}) { for (${k} = ${len} - 1; ${k} >= 0; ${k}--) ${RT.setAt}(${dst}, ${dp} + ${k}, unchecked(${src}[${sp} + ${k}])); }`,
    );
    this.emit(
      `else { for (${k} = 0; ${k} < ${len}; ${k}++) ${RT.setAt}(${dst}, ${dp} + ${k}, unchecked(${src}[${sp} + ${k}])); }`,
    );
  }

  private mergeAt(i: string, size: string, bases: string, lens: string): void {
    const { w } = this;
    const bA = this.i32(`${bases}[${i}]`),
      lA = this.i32(`${lens}[${i}]`);
    const bB = this.i32(`${bases}[${i} + 1]`),
      lB = this.i32(`${lens}[${i} + 1]`);
    this.emit(`${lens}[${i}] = ${lA} + ${lB};`);
    this.emit(
      `if (${i} == ${size} - 3) { ${bases}[${i} + 1] = ${bases}[${i} + 2]; ${lens}[${i} + 1] = ${lens}[${i} + 2]; }`,
    );
    this.emit(`${size}--;`);
    const k = this.gallop(false, w, this.at(w, bB), bA, lA, '0');
    this.emit(`${bA} += ${k}; ${lA} -= ${k};`);
    this.c.if_(`${lA} > 0`, () => {
      const k2 = this.gallop(true, w, this.at(w, `${bA} + ${lA} - 1`), bB, lB, `${lB} - 1`);
      this.emit(`${lB} = ${k2};`);
      this.c.if_(`${lB} > 0`, () => {
        this.c.if_(
          `${lA} <= ${lB}`,
          () => {
            this.mergeLow(bA, lA, bB, lB);
          },
          () => {
            this.mergeHigh(bA, lA, bB, lB);
          },
        );
      });
    });
  }

  private mergeLow(bA: string, lA: string, bB: string, lB: string): void {
    const { c, w } = this;
    const tmp = c.temp(this.A, `${w}.slice(${bA}, ${bA} + ${lA})`);
    const dest = this.i32(bA),
      ct = this.i32('0'),
      cb = this.i32(bB);
    const copyB = c.temp('bool', 'false'),
      done = c.temp('bool', 'false'),
      first = c.temp('bool', 'false');
    const mg = this.i32(),
      wa = this.i32(),
      wb = this.i32();
    const ret = (toCopyB: boolean) => `{ ${copyB} = ${toCopyB}; ${done} = true; break; }`;
    this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(w, cb)}); ${dest}++; ${cb}++;`);
    this.c.doWhile(() => {
      this.emit(`if (--${lB} == 0) ${ret(false)}`);
      this.emit(`if (${lA} == 1) ${ret(true)}`);
      this.emit(`${mg} = ${this.minGallop};`);
      this.c.block(`while (!${done})`, () => {
        this.emit(`${wa} = 0; ${wb} = 0;`);
        this.c.block('while (true)', () => {
          this.emit(c.clock());
          const o = this.test(this.at(w, cb), this.at(tmp, ct));
          this.emit(
            `if (${o}) { ${RT.setAt}(${w}, ${dest}, ${this.at(w, cb)}); ${dest}++; ${cb}++; ${wb}++; ${lB}--; ${wa} = 0; if (${lB} == 0) ${ret(false)} if (${wb} >= ${mg}) break; }`,
          );
          this.emit(
            `else { ${RT.setAt}(${w}, ${dest}, ${this.at(tmp, ct)}); ${dest}++; ${ct}++; ${wa}++; ${lA}--; ${wb} = 0; if (${lA} == 1) ${ret(true)} if (${wa} >= ${mg}) break; }`,
          );
        });
        this.emit(`if (${done}) break;`);
        this.emit(`${mg}++; ${first} = true;`);
        this.c.block(`while (${wa} >= 7 || ${wb} >= 7 || ${first})`, () => {
          this.emit(c.clock());
          this.emit(`${first} = false; ${mg} = max(1, ${mg} - 1); ${this.minGallop} = ${mg};`);
          const ka = this.gallop(false, tmp, this.at(w, cb), ct, lA, '0');
          this.emit(`${wa} = ${ka};`);
          this.c.if_(`${wa} > 0`, () => {
            this.copy(tmp, ct, w, dest, wa);
            this.emit(
              `${dest} += ${wa}; ${ct} += ${wa}; ${lA} -= ${wa}; if (${lA} == 1) ${ret(true)} if (${lA} == 0) ${ret(false)}`,
            );
          });
          this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(w, cb)}); ${dest}++; ${cb}++;`);
          this.emit(`if (--${lB} == 0) ${ret(false)}`);
          const kb = this.gallop(true, w, this.at(tmp, ct), cb, lB, '0');
          this.emit(`${wb} = ${kb};`);
          this.c.if_(`${wb} > 0`, () => {
            this.copy(w, cb, w, dest, wb);
            this.emit(`${dest} += ${wb}; ${cb} += ${wb}; ${lB} -= ${wb}; if (${lB} == 0) ${ret(false)}`);
          });
          this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(tmp, ct)}); ${dest}++; ${ct}++;`);
          this.emit(`if (--${lA} == 1) ${ret(true)}`);
        });
        this.emit(`if (${done}) break;`);
        this.emit(`${mg}++; ${this.minGallop} = ${mg};`);
      });
    }, 'false');
    this.c.group(
      [`if (!${copyB}) { if (${lA} > 0) {`, '} } else {', '}'],
      [
        () => {
          this.copy(tmp, ct, w, dest, lA);
        },
        () => {
          this.copy(w, cb, w, dest, lB);
          this.emit(`${RT.setAt}(${w}, ${dest} + ${lB}, ${this.at(tmp, ct)});`);
        },
      ],
    );
  }

  private mergeHigh(bA: string, lA: string, bB: string, lB: string): void {
    const { c, w } = this;
    const tmp = c.temp(this.A, `${w}.slice(${bB}, ${bB} + ${lB})`);
    const dest = this.i32(`${bB} + ${lB} - 1`),
      ct = this.i32(`${lB} - 1`),
      ca = this.i32(`${bA} + ${lA} - 1`);
    const copyA = c.temp('bool', 'false'),
      done = c.temp('bool', 'false'),
      first = c.temp('bool', 'false');
    const mg = this.i32(),
      wa = this.i32(),
      wb = this.i32();
    const ret = (toCopyA: boolean) => `{ ${copyA} = ${toCopyA}; ${done} = true; break; }`;
    this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(w, ca)}); ${dest}--; ${ca}--;`);
    this.c.doWhile(() => {
      this.emit(`if (--${lA} == 0) ${ret(false)}`);
      this.emit(`if (${lB} == 1) ${ret(true)}`);
      this.emit(`${mg} = ${this.minGallop};`);
      this.c.block(`while (!${done})`, () => {
        this.emit(`${wa} = 0; ${wb} = 0;`);
        this.c.block('while (true)', () => {
          this.emit(c.clock());
          const o = this.test(this.at(tmp, ct), this.at(w, ca));
          this.emit(
            `if (${o}) { ${RT.setAt}(${w}, ${dest}, ${this.at(w, ca)}); ${dest}--; ${ca}--; ${wa}++; ${lA}--; ${wb} = 0; if (${lA} == 0) ${ret(false)} if (${wa} >= ${mg}) break; }`,
          );
          this.emit(
            `else { ${RT.setAt}(${w}, ${dest}, ${this.at(tmp, ct)}); ${dest}--; ${ct}--; ${wb}++; ${lB}--; ${wa} = 0; if (${lB} == 1) ${ret(true)} if (${wb} >= ${mg}) break; }`,
          );
        });
        this.emit(`if (${done}) break;`);
        this.emit(`${mg}++; ${first} = true;`);
        this.c.block(`while (${wa} >= 7 || ${wb} >= 7 || ${first})`, () => {
          this.emit(c.clock());
          this.emit(`${first} = false; ${mg} = max(1, ${mg} - 1); ${this.minGallop} = ${mg};`);
          const ka = this.gallop(false, w, this.at(tmp, ct), bA, lA, `${lA} - 1`);
          this.emit(`${wa} = ${lA} - ${ka};`);
          this.c.if_(`${wa} > 0`, () => {
            this.emit(`${dest} -= ${wa}; ${ca} -= ${wa};`);
            this.copy(w, `${ca} + 1`, w, `${dest} + 1`, wa);
            this.emit(`${lA} -= ${wa}; if (${lA} == 0) ${ret(false)}`);
          });
          this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(tmp, ct)}); ${dest}--; ${ct}--;`);
          this.emit(`if (--${lB} == 1) ${ret(true)}`);
          const kb = this.gallop(true, tmp, this.at(w, ca), '0', lB, `${lB} - 1`);
          this.emit(`${wb} = ${lB} - ${kb};`);
          this.c.if_(`${wb} > 0`, () => {
            this.emit(`${dest} -= ${wb}; ${ct} -= ${wb};`);
            this.copy(tmp, `${ct} + 1`, w, `${dest} + 1`, wb);
            this.emit(`${lB} -= ${wb}; if (${lB} == 1) ${ret(true)} if (${lB} == 0) ${ret(false)}`);
          });
          this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(w, ca)}); ${dest}--; ${ca}--;`);
          this.emit(`if (--${lA} == 0) ${ret(false)}`);
        });
        this.emit(`if (${done}) break;`);
        this.emit(`${mg}++; ${this.minGallop} = ${mg};`);
      });
    }, 'false');
    this.c.group(
      [`if (!${copyA}) { if (${lB} > 0) {`, '} } else {', '}'],
      [
        () => {
          this.copy(tmp, '0', w, `${dest} - (${lB} - 1)`, lB);
        },
        () => {
          this.emit(`${dest} -= ${lA}; ${ca} -= ${lA};`);
          this.copy(w, `${ca} + 1`, w, `${dest} + 1`, lA);
          this.emit(`${RT.setAt}(${w}, ${dest}, ${this.at(tmp, ct)});`);
        },
      ],
    );
  }
}
