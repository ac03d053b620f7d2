package io.fidelis.core.programme;

import static io.fidelis.core.programme.Texts.cents;
import static io.fidelis.core.programme.Texts.points;
import static io.fidelis.core.programme.Texts.require;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * The liability of the outstanding points: what they will cost when redeemed, less the expected breakage (the
 * points that will expire unused).
 *
 * <p>Breakage is estimated from history as the share of expired points among the points that reached their expiry
 * date: for every lot whose expiry has come, its points (less any taken back by returns) reached expiry, and its
 * expired points broke. Lots not yet at expiry are left out, since their fate is not known. Without history the
 * breakage is 0 and the liability is the face value (the prudent figure).
 *
 * <p>{@code liability = outstanding points × value per point × (1 − breakage)}, rounded half-even to cents, computed
 * exactly as {@code face × (reached − expired) / reached}.
 */
public final class ProgrammeLiability {
    private ProgrammeLiability() {
    }

    /**
     * Points that reached their expiry date, and how many of them expired.
     */
    public record Breakage(long pointsReachedExpiry, long pointsExpired) {
        public Breakage {
            require(pointsReachedExpiry >= 0, "points that reached expiry cannot be negative, got "
                    + pointsReachedExpiry);
            require(pointsExpired >= 0 && pointsExpired <= pointsReachedExpiry, "expired points must be between 0"
                    + " and the " + pointsReachedExpiry + " that reached expiry, got " + pointsExpired);
        }

        /** No history: a rate of 0. */
        public static Breakage none() {
            return new Breakage(0, 0);
        }

        /** expired / reached, 0 without history. */
        public double rate() {
            return pointsReachedExpiry == 0 ? 0 : (double) pointsExpired / pointsReachedExpiry;
        }

        public Breakage plus(Breakage other) {
            return new Breakage(pointsReachedExpiry + other.pointsReachedExpiry, pointsExpired + other.pointsExpired);
        }

        /** The breakage of the members' lots whose expiry date is on or before the date. */
        public static Breakage of(Collection<PointsLedger> ledgers, LocalDate asOf) {
            long reached = 0;
            long expired = 0;
            for (PointsLedger ledger : ledgers) {
                for (PointsLedger.Lot lot : ledger.allLots(asOf)) {
                    if (!lot.expiresOn().isAfter(asOf)) {
                        reached += lot.earned() - lot.reversed();
                        expired += lot.expired();
                    }
                }
            }
            return new Breakage(reached, expired);
        }
    }

    /**
     * The liability.
     *
     * @param outstandingPoints usable points of all members
     * @param valuePerPoint     what a redeemed point costs
     * @param faceValue         outstanding points × value per point
     * @param breakage          the history the rate comes from
     * @param liability         the face value less the expected breakage, to cents
     * @param explanation       the arithmetic in words
     */
    public record Liability(long outstandingPoints, BigDecimal valuePerPoint, BigDecimal faceValue, Breakage breakage,
                            BigDecimal liability, String explanation) {
    }

    /** The liability of the outstanding points at a value per point and a breakage. */
    public static Liability of(long outstandingPoints, BigDecimal valuePerPoint, Breakage breakage) {
        require(outstandingPoints >= 0, "outstanding points cannot be negative, got " + outstandingPoints);
        Objects.requireNonNull(valuePerPoint, "valuePerPoint");
        require(valuePerPoint.signum() >= 0, "the value per point cannot be negative, got " + valuePerPoint);
        Objects.requireNonNull(breakage, "breakage");
        BigDecimal face = valuePerPoint.multiply(BigDecimal.valueOf(outstandingPoints));
        BigDecimal liability = breakage.pointsReachedExpiry() == 0 ? face.setScale(2, RoundingMode.HALF_EVEN)
                : face.multiply(BigDecimal.valueOf(breakage.pointsReachedExpiry() - breakage.pointsExpired()))
                .divide(BigDecimal.valueOf(breakage.pointsReachedExpiry()), 2, RoundingMode.HALF_EVEN);
        String explanation = points(outstandingPoints) + " points × " + valuePerPoint.toPlainString() + " = "
                + cents(face) + " at face value; "
                + (breakage.pointsReachedExpiry() == 0 ? "no points have reached expiry yet, so no breakage is assumed"
                : String.format(Locale.ROOT, "%.1f %% expected breakage (%s of %s points that reached expiry"
                        + " expired)", 100 * breakage.rate(), points(breakage.pointsExpired()),
                points(breakage.pointsReachedExpiry())))
                + " → liability " + cents(liability);
        return new Liability(outstandingPoints, valuePerPoint, face, breakage, liability, explanation);
    }

    /** The liability of the members' points on a date: their balances, with the breakage of their own history. */
    public static Liability of(Collection<PointsLedger> ledgers, LocalDate asOf, BigDecimal valuePerPoint) {
        long outstanding = 0;
        for (PointsLedger ledger : ledgers) {
            outstanding += ledger.balance(asOf);
        }
        return of(outstanding, valuePerPoint, Breakage.of(ledgers, asOf));
    }
}
