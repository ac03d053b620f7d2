package io.fidelis.core.programme;

import static io.fidelis.core.programme.Texts.nonBlank;
import static io.fidelis.core.programme.Texts.points;
import static io.fidelis.core.programme.Texts.require;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One member's points: an immutable, append-only list of entries, and everything that follows from it.
 *
 * <p><b>Lots.</b> Every {@link Earn} opens a lot of points with its own expiry date. A lot can be used on the days
 * before its {@code expiresOn}; from {@code expiresOn} on its remaining points are expired, whether or not the
 * {@link Expire} entry has been written yet ({@link #expireDue(LocalDate)} gives the entries to write, and writing them
 * changes no balance).
 *
 * <p><b>Redemption</b> consumes lots first in, first out by expiry date: the earliest-expiring lot first (then the
 * earliest earned, then the first recorded), taking part of a lot when it covers the rest. A redemption above the
 * balance on its date is refused.
 *
 * <p><b>Reversal</b> (a return): the points an order earned are taken back, at most what the order earned less what
 * earlier reversals of the order asked for. They come from the order's own lots first, then from the other lots in
 * the redemption order, and never more than the balance on the day: the balance never goes negative. What the
 * balance cannot cover (because the points were already redeemed or have expired) is the {@link Reverse#shortfall()},
 * recorded on the entry; it is not carried as a debt against later earnings.
 *
 * <p>Entries are recorded in date order (an entry may not be dated before the last one); queries "as of" a date
 * read the entries dated on or before it. The ledger is small per member, so every query replays it.
 */
public final class PointsLedger {

    /** One line of the ledger. Every entry carries its reason. */
    public sealed interface Entry permits Earn, Redeem, Expire, Reverse {
        LocalDate date();

        String reason();
    }

    /**
     * Points earned: a new lot.
     *
     * @param lotId     the lot's identifier, unique in the ledger
     * @param points    points earned, above 0
     * @param date      the day earned
     * @param expiresOn the first day the lot can no longer be used, after {@code date}
     * @param reason    why, e.g. "order A-1001: 1 point per 1.00"
     * @param orderId   the order that earned them, or null (a bonus, a goodwill gesture)
     */
    public record Earn(String lotId, long points, LocalDate date, LocalDate expiresOn, String reason, String orderId)
            implements Entry {
        public Earn {
            nonBlank(lotId, "a lot id");
            require(points > 0, "points earned must be above 0, got " + points + " for lot " + lotId);
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(expiresOn, "expiresOn");
            require(expiresOn.isAfter(date), "lot " + lotId + " would expire on " + expiresOn
                    + ", not after it was earned on " + date);
            nonBlank(reason, "a reason");
        }
    }

    /** Points spent, taken from the lots first in, first out by expiry. */
    public record Redeem(LocalDate date, long points, String reason) implements Entry {
        public Redeem {
            Objects.requireNonNull(date, "date");
            require(points > 0, "points redeemed must be above 0, got " + points);
            nonBlank(reason, "a reason");
        }
    }

    /** The remaining points of a lot written off at its expiry. */
    public record Expire(LocalDate date, String lotId, long points, String reason) implements Entry {
        public Expire {
            Objects.requireNonNull(date, "date");
            nonBlank(lotId, "a lot id");
            require(points > 0, "points expired must be above 0, got " + points);
            nonBlank(reason, "a reason");
        }
    }

    /**
     * A return: the points an order earned taken back.
     *
     * @param requested the points to take back (what the returned goods earned)
     * @param reversed  the points actually taken back: the requested points up to the balance on the day
     */
    public record Reverse(LocalDate date, String orderId, long requested, long reversed, String reason)
            implements Entry {
        public Reverse {
            Objects.requireNonNull(date, "date");
            nonBlank(orderId, "the order id of a reversal");
            require(requested > 0, "points to reverse must be above 0, got " + requested);
            require(reversed >= 0 && reversed <= requested, "points reversed must be between 0 and the "
                    + requested + " requested, got " + reversed);
            nonBlank(reason, "a reason");
        }

        /** The requested points the balance could not cover: already redeemed or expired. */
        public long shortfall() {
            return requested - reversed;
        }
    }

    /**
     * A lot as of a date.
     *
     * @param earned   points earned
     * @param redeemed points of the lot redeemed
     * @param reversed points of the lot taken back by returns
     * @param expired  points of the lot expired (written off or due)
     */
    public record Lot(String lotId, LocalDate earnedOn, LocalDate expiresOn, String orderId, long earned,
                      long redeemed, long reversed, long expired) {
        /** Points still usable (0 once expired). */
        public long remaining() {
            return earned - redeemed - reversed - expired;
        }
    }

    private static final PointsLedger EMPTY = new PointsLedger(List.of());

    private final List<Entry> entries;

    private PointsLedger(List<Entry> entries) {
        this.entries = entries;
    }

    /** A member's empty ledger. */
    public static PointsLedger empty() {
        return EMPTY;
    }

    /**
     * A ledger of recorded entries (from storage), checked as if appended one by one.
     *
     * @throws IllegalArgumentException if an entry is out of date order, redeems above the balance, expires a lot
     *                                  that is not due or the wrong amount, or records a reversal the ledger does
     *                                  not give
     */
    public static PointsLedger of(List<? extends Entry> entries) {
        PointsLedger ledger = EMPTY;
        for (Entry e : entries) {
            ledger = ledger.append(e);
        }
        return ledger;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** This ledger with one more entry, checked against the state on its date. */
    public PointsLedger append(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        if (!entries.isEmpty()) {
            LocalDate last = entries.get(entries.size() - 1).date();
            require(!entry.date().isBefore(last), "entries are recorded in date order: " + entry.date()
                    + " is before the last entry's " + last);
        }
        State state = replay(entry.date());
        state.apply(entry);
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        next.addAll(entries);
        next.add(entry);
        return new PointsLedger(List.copyOf(next));
    }

    /** Records points earned as a new lot. */
    public PointsLedger earn(String lotId, long points, LocalDate date, LocalDate expiresOn, String reason,
                             String orderId) {
        return append(new Earn(lotId, points, date, expiresOn, reason, orderId));
    }

    /**
     * Records a redemption.
     *
     * @throws IllegalArgumentException if the points are above the balance on the date
     */
    public PointsLedger redeem(LocalDate date, long points, String reason) {
        return append(new Redeem(date, points, reason));
    }

    /**
     * Records a return's reversal of the points the order earned; see the class comment for the rule. The entry
     * written records the points requested and reversed, so the shortfall stays visible.
     *
     * @throws IllegalArgumentException if the order earned nothing here, or less than the earlier reversals and this
     *                                  one ask for
     */
    public PointsLedger reverse(LocalDate date, String orderId, long points, String reason) {
        require(points > 0, "points to reverse must be above 0, got " + points);
        long reversed = replay(date).reversible(orderId, points);
        return append(new Reverse(date, orderId, points, reversed, reason));
    }

    /**
     * The points of the order that a return may still ask to reverse on the date: what the order earned less what
     * earlier reversals asked for (0 when it earned nothing here, such as an order from before joining). A return
     * whose lines earn more than this (a double-points window that differs between the order and the return) asks
     * for this much.
     */
    public long unreversed(LocalDate date, String orderId) {
        State r = replay(date);
        long earned = 0;
        for (MutableLot l : r.lots) {
            if (orderId.equals(l.orderId)) {
                earned += l.earned;
            }
        }
        return Math.max(0, earned - r.reversalRequested.getOrDefault(orderId, 0L));
    }

    /** The remaining {@link Expire} entries due on the date appended, dated that day. */
    public PointsLedger expire(LocalDate asOf) {
        PointsLedger ledger = this;
        for (Expire e : expireDue(asOf)) {
            ledger = ledger.append(e);
        }
        return ledger;
    }

    /** Usable points on the date. */
    public long balance(LocalDate asOf) {
        long sum = 0;
        for (MutableLot l : replay(asOf).lots) {
            sum += l.remaining();
        }
        return sum;
    }

    /** The lots with usable points on the date, earliest-expiring first (the order they are redeemed in). */
    public List<Lot> lots(LocalDate asOf) {
        List<Lot> out = new ArrayList<>();
        for (MutableLot l : replay(asOf).byRedemptionOrder()) {
            if (l.remaining() > 0) {
                out.add(l.snapshot());
            }
        }
        return List.copyOf(out);
    }

    /** Every lot earned on or before the date, with what became of its points, in the order earned. */
    public List<Lot> allLots(LocalDate asOf) {
        return replay(asOf).lots.stream().map(MutableLot::snapshot).toList();
    }

    /**
     * The lots with usable points that expire within the period after the date: {@code asOf < expiresOn ≤ asOf +
     * within}, earliest first.
     */
    public List<Lot> expiring(LocalDate asOf, Period within) {
        LocalDate until = asOf.plus(within);
        return lots(asOf).stream().filter(l -> !l.expiresOn().isAfter(until)).toList();
    }

    /**
     * The {@link Expire} entries to write on the date: one per lot whose expiry has come with points left and no
     * Expire entry yet, dated {@code asOf}.
     */
    public List<Expire> expireDue(LocalDate asOf) {
        List<Expire> due = new ArrayList<>();
        for (MutableLot l : replay(asOf).byRedemptionOrder()) {
            if (l.expired > 0 && !l.expiryRecorded) {
                due.add(new Expire(asOf, l.id, l.expired, "expired on " + l.expiresOn + ": lot " + l.id + " earned "
                        + l.earnedOn + (l.orderId != null ? " (order " + l.orderId + ")" : "")));
            }
        }
        return List.copyOf(due);
    }

    private State replay(LocalDate asOf) {
        Objects.requireNonNull(asOf, "date");
        State state = new State();
        for (Entry e : entries) {
            if (e.date().isAfter(asOf)) {
                break;
            }
            state.apply(e);
        }
        state.expireUpTo(asOf);
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointsLedger l && entries.equals(l.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "PointsLedger" + entries;
    }

    private static final class MutableLot {
        final int sequence;
        final String id;
        final LocalDate earnedOn;
        final LocalDate expiresOn;
        final String orderId;
        final long earned;
        long redeemed;
        long reversed;
        long expired;
        boolean expiryRecorded;

        MutableLot(int sequence, Earn e) {
            this.sequence = sequence;
            this.id = e.lotId();
            this.earnedOn = e.date();
            this.expiresOn = e.expiresOn();
            this.orderId = e.orderId();
            this.earned = e.points();
        }

        long remaining() {
            return earned - redeemed - reversed - expired;
        }

        Lot snapshot() {
            return new Lot(id, earnedOn, expiresOn, orderId, earned, redeemed, reversed, expired);
        }
    }

    private static final Comparator<MutableLot> REDEMPTION_ORDER = Comparator
            .comparing((MutableLot l) -> l.expiresOn).thenComparing(l -> l.earnedOn).thenComparingInt(l -> l.sequence);

    /** The ledger replayed up to a date. */
    private static final class State {
        final List<MutableLot> lots = new ArrayList<>();
        final Map<String, MutableLot> byId = new HashMap<>();
        final Map<String, Long> reversalRequested = new HashMap<>();

        void expireUpTo(LocalDate date) {
            for (MutableLot l : lots) {
                if (!l.expiresOn.isAfter(date) && l.remaining() > 0) {
                    l.expired += l.remaining();
                }
            }
        }

        long balance() {
            long sum = 0;
            for (MutableLot l : lots) {
                sum += l.remaining();
            }
            return sum;
        }

        List<MutableLot> byRedemptionOrder() {
            List<MutableLot> sorted = new ArrayList<>(lots);
            sorted.sort(REDEMPTION_ORDER);
            return sorted;
        }

        void apply(Entry entry) {
            expireUpTo(entry.date());
            if (entry instanceof Earn e) {
                require(!byId.containsKey(e.lotId()), "lot " + e.lotId() + " is already in the ledger");
                MutableLot lot = new MutableLot(lots.size(), e);
                lots.add(lot);
                byId.put(lot.id, lot);
            } else if (entry instanceof Redeem r) {
                long balance = balance();
                require(r.points() <= balance, "cannot redeem " + points(r.points()) + " points: the balance on "
                        + r.date() + " is " + points(balance));
                long left = r.points();
                for (MutableLot l : byRedemptionOrder()) {
                    long take = Math.min(left, l.remaining());
                    l.redeemed += take;
                    left -= take;
                }
            } else if (entry instanceof Expire x) {
                MutableLot l = byId.get(x.lotId());
                require(l != null, "cannot expire lot " + x.lotId() + ": it is not in the ledger");
                require(!l.expiresOn.isAfter(x.date()), "lot " + l.id + " expires on " + l.expiresOn
                        + ", not by " + x.date());
                require(!l.expiryRecorded, "lot " + l.id + " has already been expired");
                require(x.points() == l.expired, "lot " + l.id + " had " + points(l.expired)
                        + " points left at its expiry, not " + points(x.points()));
                l.expiryRecorded = true;
            } else if (entry instanceof Reverse v) {
                long reversible = reversible(v.orderId(), v.requested());
                require(v.reversed() == reversible, "the reversal of order " + v.orderId() + " records "
                        + points(v.reversed()) + " points reversed; the ledger gives " + points(reversible));
                long left = reversible;
                for (MutableLot l : reversalOrder(v.orderId())) {
                    long take = Math.min(left, l.remaining());
                    l.reversed += take;
                    left -= take;
                }
                reversalRequested.merge(v.orderId(), v.requested(), Long::sum);
            }
        }

        /** The points a reversal of the order takes back: checked against what the order earned, capped at the balance. */
        long reversible(String orderId, long requested) {
            long earned = 0;
            for (MutableLot l : lots) {
                if (orderId.equals(l.orderId)) {
                    earned += l.earned;
                }
            }
            require(earned > 0, "order " + orderId + " earned no points in this ledger: nothing to reverse");
            long before = reversalRequested.getOrDefault(orderId, 0L);
            require(requested <= earned - before, "cannot reverse " + points(requested) + " points of order "
                    + orderId + ": it earned " + points(earned) + " and " + points(before)
                    + " have already been reversed");
            return Math.min(requested, balance());
        }

        /** The order's own lots first, then the others, each group earliest-expiring first. */
        List<MutableLot> reversalOrder(String orderId) {
            List<MutableLot> sorted = byRedemptionOrder();
            List<MutableLot> ordered = new ArrayList<>(sorted.size());
            for (MutableLot l : sorted) {
                if (orderId.equals(l.orderId)) {
                    ordered.add(l);
                }
            }
            for (MutableLot l : sorted) {
                if (!orderId.equals(l.orderId)) {
                    ordered.add(l);
                }
            }
            return ordered;
        }
    }
}
