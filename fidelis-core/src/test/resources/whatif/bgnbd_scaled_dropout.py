# Reference values for RetentionWhatIfTest: BG/NBD with the dropout probability p of an active customer multiplied by
# k from T on, integrated numerically over the posterior p ~ Beta(a, b + x) (λ integrated analytically), with mpmath
# 1.3.0 at 30 digits, next to the closed forms the Java code uses. Run: python3 bgnbd_scaled_dropout.py
from mpmath import mp, mpf, quad, beta, hyp2f1, log, expm1

mp.dps = 30
r, alpha, a, b = mpf('0.243'), mpf('4.414'), mpf('0.793'), mpf('2.426')  # FHL 2005, CDNOW
x, T, t = 3, mpf(40), mpf(52)
A, R, bb = alpha + T, r + x, b + x
for k in [mpf(1), mpf('0.8'), mpf('0.5'), mpf('0.2')]:
    density = lambda p: p ** (a - 1) * (1 - p) ** (bb - 1) / beta(a, bb)
    expected = quad(lambda p: -expm1(R * log(A / (A + k * p * t))) / (k * p) * density(p), [0, 1e-6, 1e-3, 1])
    survival = quad(lambda p: (A / (A + k * p * t)) ** R * density(p), [0, 1e-6, 1e-3, 1])
    kt = k * t
    closed_e = (a + b + x - 1) / (a - 1) * (1 - (A / (A + kt)) ** R * hyp2f1(R, b + x, a + b + x - 1, kt / (A + kt))) / k
    closed_s = (A / (A + kt)) ** R * hyp2f1(R, b + x, a + b + x, kt / (A + kt))
    print(k, mp.nstr(expected, 15), mp.nstr(closed_e, 15), mp.nstr(survival, 15), mp.nstr(closed_s, 15))
# k = 1.0  E 2.97868110336336  S 0.694615694968573
# k = 0.8  E 3.09992539909843  S 0.736859919738358
# k = 0.5  E 3.31305068087781  S 0.81364150037048
# k = 0.2  E 3.57817619956073  S 0.913670924623643

# x = 0 and a + b < 1: the closed form's 2F1 is negative (no logarithm), the expectation is not.
r, alpha, a, b = mpf('0.25'), mpf('5'), mpf('0.3'), mpf('0.5')
A, R, t = alpha + 30, r, mpf(52)
expected = quad(lambda p: -expm1(R * log(A / (A + p * t))) / p * p ** (a - 1) * (1 - p) ** (b - 1) / beta(a, b),
                [0, 1e-6, 1e-3, 0.5, 1 - 1e-3, 1])
closed = (a + b - 1) / (a - 1) * (1 - (A / (A + t)) ** R * hyp2f1(R, b, a + b - 1, t / (A + t)))
print(mp.nstr(expected, 12), mp.nstr(closed, 12))  # 0.295975006468 0.29597500647
