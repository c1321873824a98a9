// Complex arithmetic on (re, im) pairs, in float64; results are rounded when stored.
// Formulas are the principal branches std::complex uses.

export interface Complex {
  readonly re: number;
  readonly im: number;
}

export const complex = (re: number, im = 0): Complex => ({ re, im });

export const cAdd = (a: Complex, b: Complex): Complex => complex(a.re + b.re, a.im + b.im);
export const cSub = (a: Complex, b: Complex): Complex => complex(a.re - b.re, a.im - b.im);
export const cNeg = (a: Complex): Complex => complex(-a.re, -a.im);
export const cMul = (a: Complex, b: Complex): Complex =>
  complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const cConj = (a: Complex): Complex => complex(a.re, -a.im);
export const cAbs = (a: Complex): number => Math.hypot(a.re, a.im);
export const cIsZero = (a: Complex): boolean => a.re === 0 && a.im === 0;
export const cEqual = (a: Complex, b: Complex): boolean => a.re === b.re && a.im === b.im;

/** a / b by Smith's algorithm (no overflow of |b|² for large b). Division by 0 gives NaN/Inf parts as C does. */
export function cDiv(a: Complex, b: Complex): Complex {
  if (b.im === 0) return complex(a.re / b.re, a.im / b.re);
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return complex((a.re + a.im * r) / d, (a.im - a.re * r) / d);
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return complex((a.re * r + a.im) / d, (a.im * r - a.re) / d);
}

export const cExp = (a: Complex): Complex => {
  const m = Math.exp(a.re);
  return a.im === 0 ? complex(m, 0) : complex(m * Math.cos(a.im), m * Math.sin(a.im));
};

export const cLog = (a: Complex): Complex => complex(Math.log(cAbs(a)), Math.atan2(a.im, a.re));

/** Principal square root (non-negative real part), computed without cancellation. */
export function cSqrt(a: Complex): Complex {
  if (a.re === 0 && a.im === 0) return complex(0, a.im);
  const t = Math.sqrt((Math.abs(a.re) + cAbs(a)) / 2);
  if (a.re >= 0) return complex(t, a.im / (2 * t));
  return complex(Math.abs(a.im) / (2 * t), a.im >= 0 ? t : -t);
}

export const cSin = (a: Complex): Complex =>
  complex(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
export const cCos = (a: Complex): Complex =>
  complex(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));

/** x^y = exp(y · log x); 0^y is 1 for y = 0 and 0 for Re(y) > 0 (std::pow's cases). */
export function cPow(x: Complex, y: Complex): Complex {
  if (cIsZero(x)) {
    if (cIsZero(y)) return complex(1, 0);
    if (y.im === 0 && y.re > 0) return complex(0, 0);
  }
  return cExp(cMul(y, cLog(x)));
}

/** x / |x|, and 0 for 0 (Eigen's sign for complex). */
export const cSign = (a: Complex): Complex => {
  if (cIsZero(a)) return complex(0, 0);
  const m = cAbs(a);
  return complex(a.re / m, a.im / m);
};
