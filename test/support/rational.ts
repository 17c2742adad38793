/**
 * Exact rational arithmetic for tests (BigInt fractions), written independently of
 * src/calc/exact.ts: the oracle the exact-threshold and ExactSum properties compare with.
 */
const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));

export class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new Error('zero denominator');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n, d) || 1n;
    this.n = n / g;
    this.d = d / g;
  }
  /** A decimal written as text, e.g. "12.34" or "-0.5". */
  static dec(text: string): Q {
    const [whole, fraction = ''] = text.split('.');
    return new Q(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
  }
  /** A double as the decimal it shows: "0.5384615384615384", "1e+21", "-1.5e-7". */
  static shown(x: number): Q {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x))!;
    const [, sign, whole, fraction = '', exp = '0'] = m;
    const scale = fraction.length - Number(exp);
    const digits = BigInt(sign + whole + fraction);
    return scale >= 0 ? new Q(digits, 10n ** BigInt(scale)) : new Q(digits * 10n ** BigInt(-scale));
  }
  /** A double's exact binary value. */
  static bits(x: number): Q {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const sign = hi >>> 31 ? -1n : 1n;
    const e = (hi >>> 20) & 0x7ff;
    const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    const mant = e === 0 ? frac : frac | (1n << 52n);
    const exp = (e === 0 ? 1 : e) - 1075;
    return exp >= 0 ? new Q(sign * mant * 2n ** BigInt(exp)) : new Q(sign * mant, 2n ** BigInt(-exp));
  }
  static int(k: number): Q {
    return new Q(BigInt(k));
  }
  add(o: Q): Q {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Q): Q {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Q): Q {
    return new Q(this.n * o.n, this.d * o.d);
  }
  div(o: Q): Q {
    return new Q(this.n * o.d, this.d * o.n);
  }
  /** |this − o| as a fraction. */
  distance(o: Q): Q {
    const n = this.n * o.d - o.n * this.d;
    return new Q(abs(n), this.d * o.d);
  }
  cmp(o: Q): number {
    const x = this.n * o.d - o.n * this.d;
    return x > 0n ? 1 : x < 0n ? -1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  /** Close enough to compare with the kernel's double within 1e-12. */
  approx(): number {
    const whole = this.n / this.d;
    const rest = this.n - whole * this.d;
    return Number(whole) + Number((rest * 10n ** 18n) / this.d) / 1e18;
  }
  /** The decimal text when the fraction terminates (denominator 2^a·5^b), else undefined. */
  decimal(): string | undefined {
    let d = this.d;
    let twos = 0;
    let fives = 0;
    for (; d % 2n === 0n; twos++) d /= 2n;
    for (; d % 5n === 0n; fives++) d /= 5n;
    if (d !== 1n) return undefined;
    const k = Math.max(twos, fives);
    const scaled = (this.n * 10n ** BigInt(k)) / this.d;
    const sign = scaled < 0n ? '-' : '';
    const digits = abs(scaled)
      .toString()
      .padStart(k + 1, '0');
    return k === 0 ? sign + digits : `${sign}${digits.slice(0, -k)}.${digits.slice(-k)}`;
  }
}

/** The next double after x towards +∞ or −∞. */
function neighbour(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 === up ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** v is a double nearest to q (no neighbouring double is strictly nearer). */
export function nearest(v: number, q: Q): boolean {
  const d = Q.bits(v).distance(q);
  return [true, false].every((up) => Q.bits(neighbour(v, up)).distance(q).cmp(d) >= 0);
}
