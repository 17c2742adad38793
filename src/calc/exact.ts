/**
 * Exact arithmetic for every number that is compared with a threshold (issue #18).
 *
 * The rule: each input number is read as the decimal it shows (its shortest round-trip
 * form, so 0.1 is 1/10 and 70 is 70). A score, percentage, sum, mean or ratio is computed
 * exactly over those decimals and rounded once, to the nearest double. Rounding is
 * monotonic, so a result whose exact value equals a threshold comes out as that threshold's
 * own double and compares equal to it (a score of exactly 70 is ≥ 70), and a result on
 * either side of a threshold stays on that side unless it lies within one unit in the last
 * place (about 1e-14 relative) of it without being equal, which decimal inputs of a few
 * digits cannot produce.
 *
 * Fast paths stay in doubles while every intermediate is an integer below 2^53 (exact);
 * anything larger falls back to BigInt. No tolerance is used anywhere.
 */

const SAFE = Number.MAX_SAFE_INTEGER;
const SAFE_BIG = BigInt(SAFE);
/** 10^k for k = 0…22: every one is an exact double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** x = int / 10^scale, int a safe integer. */
export interface Decimal {
  int: number;
  scale: number;
}

/** x as int / 10^scale with the fewest decimals; undefined when that needs more than 2^53 or 22 decimals. */
export function decimalOf(x: number): Decimal | undefined {
  if (Number.isInteger(x)) return Number.isSafeInteger(x) ? { int: x, scale: 0 } : undefined;
  if (!Number.isFinite(x)) return undefined;
  for (let k = 1; k < POW10.length; k++) {
    const m = Math.round(x * POW10[k]);
    if (!Number.isSafeInteger(m)) return undefined;
    // m / 10^k is one correctly rounded division of exact values: equal to x iff m/10^k reads back as x.
    if (m / POW10[k] === x) return { int: m, scale: k };
  }
  return undefined;
}

/** A decimal with a BigInt mantissa: value = m / 10^scale (scale ≥ 0). */
export interface BigDecimal {
  m: bigint;
  scale: number;
}

/** Any finite double as its shortest decimal, exactly. */
export function bigDecimalOf(x: number): BigDecimal {
  const d = decimalOf(x);
  if (d) return { m: BigInt(d.int), scale: d.scale };
  // String(x) is the shortest round-trip form: "123.45", "1.5e-7", "1e+21".
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`not a finite number: ${x}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let m = BigInt(whole + fraction);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    m *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { m: sign ? -m : m, scale };
}

/** 10n^k, the first 64 made once (a what-if patches exact sums by a few terms, each scaled by one). */
const POW10N: readonly bigint[] = Array.from({ length: 64 }, (_, k) => 10n ** BigInt(k));
const pow10n = (k: number): bigint => (k < POW10N.length ? POW10N[k] : 10n ** BigInt(k));

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** The double nearest to n / d (ties to even); d ≠ 0. */
export function ratioToDouble(n: bigint, d: bigint): number {
  if (d === 0n) return n === 0n ? Number.NaN : n > 0n ? Infinity : -Infinity;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return 0;
  const negative = n < 0n;
  if (negative) n = -n;
  let result: number;
  if (n <= SAFE_BIG && d <= SAFE_BIG) result = Number(n) / Number(d);
  else {
    // Find q = floor(n·2^s / d) with exactly 54 bits: 53 for the mantissa and one to round on.
    let s = 54 - (bitLength(n) - bitLength(d));
    let q = 0n;
    let r = 0n;
    for (;;) {
      const num = s >= 0 ? n << BigInt(s) : n;
      const den = s >= 0 ? d : d << BigInt(-s);
      q = num / den;
      r = num % den;
      const bits = bitLength(q);
      if (bits === 54) break;
      s += 54 - bits;
    }
    let mantissa = q >> 1n;
    if ((q & 1n) === 1n && (r !== 0n || (mantissa & 1n) === 1n)) mantissa += 1n;
    result = Number(mantissa) * 2 ** (1 - s);
  }
  return negative ? -result : result;
}

/** The double nearest to 100·num / den for safe integers num and den > 0. */
export function exactPercent(num: number, den: number): number {
  const scaled = 100 * num;
  if (Number.isSafeInteger(scaled)) return scaled / den;
  return ratioToDouble(100n * BigInt(num), BigInt(den));
}

/**
 * A running sum kept exactly (numbers read as decimals). `value` is the nearest double to
 * the exact sum; `ratio` divides two sums exactly.
 */
export class ExactSum {
  /** value = int / 10^scale while `big` is undefined, else big / 10^scale. */
  private int = 0;
  private scale = 0;
  private big: bigint | undefined;

  /**
   * Numbers that have no short decimal form (2/3 as a double, a score of 7/13), each with how
   * many times it was added: its BigInt decimal is made and added once per distinct number, when
   * the sum is read (`flush`), instead of once per row. A mean of 50,000 such per-row ratios
   * holds a dozen distinct numbers. Exact sums do not depend on the order of their terms.
   */
  private pending: Map<number, number> | undefined;

  add(x: number): this {
    if (this.big === undefined && this.scale === 0 && Number.isSafeInteger(x)) {
      const s = this.int + x;
      if (Math.abs(s) <= SAFE) {
        this.int = s;
        return this;
      }
    }
    const pending = this.pending;
    if (pending !== undefined) {
      const k = pending.get(x);
      if (k !== undefined) {
        pending.set(x, k + 1);
        return this;
      }
    }
    const d = decimalOf(x);
    if (d === undefined) {
      if (!Number.isFinite(x)) bigDecimalOf(x); // throws, as adding it always did
      (this.pending ??= new Map()).set(x, 1);
      return this;
    }
    if (this.big === undefined) {
      if (this.addFast(d)) return this;
      this.toBig();
    }
    this.addBig({ m: BigInt(d.int), scale: d.scale });
    return this;
  }

  /** Adds the pending numbers, each times its count. */
  private flush(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    this.toBig();
    for (const [x, k] of pending) {
      const d = bigDecimalOf(x);
      this.addBig({ m: d.m * BigInt(k), scale: d.scale });
    }
  }

  /** Adds x·y exactly (an amount × a probability). */
  addProduct(x: number, y: number): this {
    if (this.big === undefined) {
      const dx = decimalOf(x);
      const dy = decimalOf(y);
      if (dx && dy) {
        const int = dx.int * dy.int;
        if (Number.isSafeInteger(int) && dx.scale + dy.scale < POW10.length && this.addFast({ int, scale: dx.scale + dy.scale }))
          return this;
      }
      this.toBig();
    }
    const bx = bigDecimalOf(x);
    const by = bigDecimalOf(y);
    this.addBig({ m: bx.m * by.m, scale: bx.scale + by.scale });
    return this;
  }

  /** Adds (sign 1) or subtracts (sign −1) another exact sum. */
  addSum(other: ExactSum, sign: 1 | -1 = 1): this {
    other.flush();
    if (this.big === undefined && other.big === undefined && this.addFast({ int: sign * other.int, scale: other.scale }))
      return this;
    this.toBig();
    const o = other.bigDecimal();
    this.addBig({ m: sign === 1 ? o.m : -o.m, scale: o.scale });
    return this;
  }

  private addFast(d: Decimal | undefined): boolean {
    if (!d) return false;
    if (d.scale <= this.scale) {
      const v = d.int * POW10[this.scale - d.scale];
      const s = this.int + v;
      if (!Number.isSafeInteger(v) || Math.abs(s) > SAFE) return false;
      this.int = s;
      return true;
    }
    if (d.scale >= POW10.length) return false;
    const up = this.int * POW10[d.scale - this.scale];
    const s = up + d.int;
    if (!Number.isSafeInteger(up) || Math.abs(s) > SAFE) return false;
    this.int = s;
    this.scale = d.scale;
    return true;
  }

  private toBig(): void {
    if (this.big === undefined) this.big = BigInt(this.int);
  }

  private addBig(d: BigDecimal): void {
    let big = this.big!;
    if (d.scale > this.scale) {
      big *= pow10n(d.scale - this.scale);
      this.scale = d.scale;
      big += d.m;
    } else big += d.m * pow10n(this.scale - d.scale);
    this.big = big;
  }

  /** The exact sum as int / 10^scale when that fits a safe integer. */
  decimal(): Decimal | undefined {
    this.flush();
    return this.big === undefined && this.scale < POW10.length ? { int: this.int, scale: this.scale } : undefined;
  }

  /** The exact sum as m / 10^scale. */
  bigDecimal(): BigDecimal {
    this.flush();
    return { m: this.big ?? BigInt(this.int), scale: this.scale };
  }

  /** −1, 0 or 1. */
  get sign(): number {
    this.flush();
    if (this.big !== undefined) return this.big > 0n ? 1 : this.big < 0n ? -1 : 0;
    return Math.sign(this.int);
  }

  /** The nearest double to the exact sum. */
  get value(): number {
    this.flush();
    if (this.big === undefined && this.scale < POW10.length) return this.int / POW10[this.scale];
    return ratioToDouble(this.big ?? BigInt(this.int), pow10n(this.scale));
  }

  static of(...xs: number[]): ExactSum {
    const s = new ExactSum();
    for (const x of xs) s.add(x);
    return s;
  }
}

/** The nearest double to a / b, both read exactly (numbers as decimals); ±Infinity or NaN when b is 0. */
export function exactRatio(a: ExactSum | number, b: ExactSum | number): number {
  const fa = typeof a === 'number' ? decimalOf(a) : a.decimal();
  const fb = typeof b === 'number' ? decimalOf(b) : b.decimal();
  if (fa && fb) {
    // (A / 10^p) / (B / 10^q) = A·10^(q−k) / (B·10^(p−k)), k = min(p, q): one division of exact integers.
    const k = Math.min(fa.scale, fb.scale);
    const num = fa.int * POW10[fb.scale - k];
    const den = fb.int * POW10[fa.scale - k];
    if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) return num / den;
  }
  const x = typeof a === 'number' ? bigDecimalOf(a) : a.bigDecimal();
  const y = typeof b === 'number' ? bigDecimalOf(b) : b.bigDecimal();
  const common = Math.min(x.scale, y.scale);
  return ratioToDouble(x.m * pow10n(y.scale - common), y.m * pow10n(x.scale - common));
}

/** a − b ≥ c, decided exactly (a date difference against a number of days). */
export function differenceAtLeast(a: number, b: number, c: number): boolean {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(c)) return a - b >= c;
  return new ExactSum().add(a).add(-b).add(-c).sign >= 0;
}

/** a − b, exactly. */
export function exactDifference(a: ExactSum | number, b: ExactSum | number): ExactSum {
  return new ExactSum().addSum(typeof a === 'number' ? ExactSum.of(a) : a).addSum(typeof b === 'number' ? ExactSum.of(b) : b, -1);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A weighted mean of normalised values, 100 · Σ wᵢ·(xᵢ − loᵢ)/(hiᵢ − loᵢ) ÷ Σ wᵢ, kept as
 * one exact fraction and divided once (scores over Min–Max scales, section percentages).
 */
export class ExactMean {
  /** Σ wᵢ·(xᵢ − loᵢ)/(hiᵢ − loᵢ) = num / den, in safe integers or (big) BigInt. */
  private num = 0;
  private den = 1;
  private bigNum: bigint | undefined;
  private bigDen: bigint | undefined;
  readonly totalWeight = new ExactSum();

  /** Adds w·(x − lo)/(hi − lo) (hi > lo; the caller clamps x). */
  add(w: number, x: number, lo: number, hi: number): this {
    this.totalWeight.add(w);
    if (this.bigNum === undefined && this.addFast(w, x, lo, hi)) return this;
    this.addBig(w, x, lo, hi);
    return this;
  }

  private addFast(w: number, x: number, lo: number, hi: number): boolean {
    const dw = decimalOf(w);
    const dx = decimalOf(x);
    const dl = decimalOf(lo);
    const dh = decimalOf(hi);
    if (!dw || !dx || !dl || !dh) return false;
    // x, lo and hi over one power of ten; it cancels in (x − lo)/(hi − lo).
    const k = Math.max(dx.scale, dl.scale, dh.scale);
    const X = dx.int * POW10[k - dx.scale];
    const L = dl.int * POW10[k - dl.scale];
    const H = dh.int * POW10[k - dh.scale];
    const termNum = dw.int * (X - L);
    const termDen = (H - L) * POW10[dw.scale];
    if (![X, L, H, X - L, H - L, termNum, termDen].every(Number.isSafeInteger)) return false;
    const g = gcd(this.den, termDen);
    const num = this.num * (termDen / g) + termNum * (this.den / g);
    const den = (this.den / g) * termDen;
    if (!Number.isSafeInteger(this.num * (termDen / g)) || !Number.isSafeInteger(termNum * (this.den / g))) return false;
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return false;
    this.num = num;
    this.den = den;
    return true;
  }

  private addBig(w: number, x: number, lo: number, hi: number): void {
    if (this.bigNum === undefined) {
      this.bigNum = BigInt(this.num);
      this.bigDen = BigInt(this.den);
    }
    const dw = bigDecimalOf(w);
    const dx = bigDecimalOf(x);
    const dl = bigDecimalOf(lo);
    const dh = bigDecimalOf(hi);
    const k = Math.max(dx.scale, dl.scale, dh.scale);
    const X = dx.m * pow10n(k - dx.scale);
    const L = dl.m * pow10n(k - dl.scale);
    const H = dh.m * pow10n(k - dh.scale);
    const termNum = dw.m * (X - L);
    const termDen = (H - L) * pow10n(dw.scale);
    let num = this.bigNum * termDen + termNum * this.bigDen!;
    let den = this.bigDen! * termDen;
    const g = gcdBig(num < 0n ? -num : num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
    this.bigNum = num;
    this.bigDen = den;
  }

  /** 100 · Σ wᵢnᵢ ÷ Σ wᵢ, the nearest double to the exact value; NaN when Σ wᵢ is 0. */
  percent(): number {
    const total = this.totalWeight.bigDecimal();
    if (total.m === 0n) return Number.NaN;
    if (this.bigNum === undefined && total.m <= SAFE_BIG && total.scale < POW10.length) {
      // 100·(num/den) / (T/10^s) = 100·num·10^s / (den·T)
      const num = this.num * POW10[total.scale];
      const den = this.den * Number(total.m);
      if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) return exactPercent(num, den);
    }
    const num = (this.bigNum ?? BigInt(this.num)) * pow10n(total.scale) * 100n;
    const den = (this.bigDen ?? BigInt(this.den)) * total.m;
    return ratioToDouble(num, den);
  }
}
