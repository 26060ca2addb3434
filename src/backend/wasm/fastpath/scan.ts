/**
 * A cursor over the JSON text of one request, with the few token readers the fast path needs
 * (charCodeAt scanning, no intermediate objects). Every reader answers "not here" (false or null)
 * instead of throwing: the caller then falls back to the general decoder, whose errors are the
 * ones users see.
 */

/** 10^0 .. 10^22: the powers of ten a double holds exactly (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MAX_SAFE = 9007199254740991;

export class Scan {
  text = '';
  i = 0;
  /** The last number read: its value as JSON.parse gives it. */
  num = 0;
  /** Whether the last number was written as an integer (no fraction, no exponent). */
  intLit = false;
  /** Whether the last number's value as an integer literal is exact in `num` (|n| < 2^53). */
  exactInt = false;
  /** Where the last number's text began (for the exact slow paths). */
  numStart = 0;

  reset(text: string, at = 0): void {
    this.text = text;
    this.i = at;
  }

  /** Skips JSON whitespace; returns the next character code (NaN at the end). */
  ws(): number {
    const t = this.text;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else {
        this.i = i;
        return c;
      }
    }
  }

  /** At a literal (true, false, null): steps over it when it is there. */
  literal(word: string): boolean {
    if (!this.text.startsWith(word, this.i)) return false;
    this.i += word.length;
    return true;
  }

  /** At `"`: whether the string there is exactly `s` (no escapes); steps over it when it is. */
  quoted(s: string): boolean {
    const t = this.text;
    const at = this.i + 1;
    const n = s.length;
    if (t.charCodeAt(at + n) !== 34) return false;
    // A loop, not startsWith: names are short, and this stays inlined.
    for (let k = 0; k < n; k++) if (t.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
    this.i = at + n + 1;
    return true;
  }

  /** At `"`: the string, escapes resolved as JSON.parse resolves them; null when not valid JSON. */
  string(): string | null {
    const t = this.text;
    let i = this.i + 1;
    const start = i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.i = i + 1;
        return t.slice(start, i);
      }
      if (c === 92) return this.escaped(start, i);
      if (c < 32 || Number.isNaN(c)) return null;
      i++;
    }
  }

  private escaped(start: number, at: number): string | null {
    const t = this.text;
    let out = t.slice(start, at);
    let i = at;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.i = i + 1;
        return out;
      }
      if (c === 92) {
        const e = t.charCodeAt(i + 1);
        let r: number;
        switch (e) {
          case 34:
          case 92:
          case 47:
            r = e;
            break;
          case 98:
            r = 8;
            break;
          case 102:
            r = 12;
            break;
          case 110:
            r = 10;
            break;
          case 114:
            r = 13;
            break;
          case 116:
            r = 9;
            break;
          case 117: {
            r = 0;
            for (let k = 2; k < 6; k++) {
              const h = t.charCodeAt(i + k);
              const d = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
              if (d < 0) return null;
              r = r * 16 + d;
            }
            out += String.fromCharCode(r);
            i += 6;
            continue;
          }
          default:
            return null;
        }
        out += String.fromCharCode(r);
        i += 2;
        continue;
      }
      if (c < 32 || Number.isNaN(c)) return null;
      const run = i;
      do i++;
      while (i < t.length && t.charCodeAt(i) !== 34 && t.charCodeAt(i) !== 92 && t.charCodeAt(i) >= 32);
      out += t.slice(run, i);
    }
  }

  /**
   * At a number: reads it as JSON.parse would (bit for bit), into `num`, `intLit` and `exactInt`.
   * False when the text there is not a JSON number, or is the integer literal -0 (JSON.parse
   * reads -0, the exact reader 0: only the general path knows which one it uses).
   */
  number(): boolean {
    const t = this.text;
    let i = this.i;
    for (let c = t.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = t.charCodeAt(++i));
    const start = i;
    let c = t.charCodeAt(i);
    const neg = c === 45;
    if (neg) c = t.charCodeAt(++i);
    let m = 0;
    if (c === 48) {
      c = t.charCodeAt(++i);
      if (c >= 48 && c <= 57) return false;
    } else if (c >= 49 && c <= 57) {
      do {
        m = m * 10 + (c - 48);
        c = t.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
    } else return false;
    let intLit = true;
    let scale = 0;
    if (c === 46) {
      intLit = false;
      c = t.charCodeAt(++i);
      if (!(c >= 48 && c <= 57)) return false;
      do {
        m = m * 10 + (c - 48);
        scale--;
        c = t.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
    }
    let exp = 0;
    if (c === 101 || c === 69) {
      intLit = false;
      c = t.charCodeAt(++i);
      let eneg = false;
      if (c === 43 || c === 45) {
        eneg = c === 45;
        c = t.charCodeAt(++i);
      }
      if (!(c >= 48 && c <= 57)) return false;
      do {
        if (exp < 1e6) exp = exp * 10 + (c - 48);
        c = t.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
      if (eneg) exp = -exp;
    }
    if (intLit && neg && m === 0) return false;
    this.i = i;
    this.numStart = start;
    this.intLit = intLit;
    // m only grows, so when it ends at most 2^53 - 1 every step of it was exact.
    const exact = m <= MAX_SAFE;
    this.exactInt = intLit && exact;
    const e = scale + exp;
    let v: number;
    if (exact && e >= -22 && e <= 22) v = e >= 0 ? m * POW10[e] : m / POW10[-e];
    else return this.slowNumber(start, i);
    this.num = neg ? -v : v;
    return true;
  }

  /** Many digits or a large exponent: the platform's correctly rounded conversion. */
  private slowNumber(start: number, end: number): boolean {
    this.num = Number(this.text.slice(start, end));
    return true;
  }

  /** The last number's text (for longs beyond 2^53, read exactly with BigInt). */
  numberText(): string {
    return this.text.slice(this.numStart, this.i);
  }
}
