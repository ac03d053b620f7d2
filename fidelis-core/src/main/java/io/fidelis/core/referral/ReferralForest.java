package io.fidelis.core.referral;

import java.util.Arrays;
import java.util.Objects;

/**
 * Who referred whom: every customer has at most one referrer, so the referrals form a forest whose roots are the
 * customers who came without a referral. For each customer the forest gives the number of direct referrals, the size
 * of the whole downstream chain (every customer who came through it, at any generation), its depth (generation)
 * below its root, its referees (paged, for a tree view), the path up to its root, and any per-customer value (revenue,
 * margin, CLV) summed over its direct referees and, separately, over the indirect ones.
 *
 * <p><b>Building.</b> {@link #of(long[], long[])} takes the customers' ids and for each its referrer's id, or
 * {@link #NONE}. It runs in O(n) time on primitive arrays: an open-addressing hash index from id to position, the
 * referees of each customer in one array (compressed sparse rows), and one breadth-first pass from the roots that
 * orders every referrer before its referees. Nothing recurses, so a chain a million generations deep is no harder
 * than a wide one. Self-referral, referral cycles, duplicate ids and referrers who are not among the customers are
 * refused with an {@link IllegalArgumentException} naming the customers.
 *
 * <p><b>Positions.</b> Customers keep the position they had in the input (0 … {@link #size()} − 1); the by-position
 * accessors ({@code …At(int)}) and the arrays taken or returned by this package ({@link #chainValues(double[])},
 * {@link ReferralMultiplier}) follow that order.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class ReferralForest {
    /** The referrer id of a customer who came without a referral; not allowed as a customer id. */
    public static final long NONE = Long.MIN_VALUE;
    /** At most this many customers of a cycle are named in the error message. */
    static final int CYCLE_NAMES = 10;

    private final long[] ids;
    private final IdIndex index;
    /** The referrer's position, −1 for a root. */
    private final int[] parent;
    /** The referees of position p are referees[refereeStart[p] … refereeStart[p + 1] − 1], in input order. */
    private final int[] refereeStart;
    private final int[] referees;
    /** Every referrer before its referees: the roots in input order, then breadth first. */
    private final int[] order;
    private final int[] depth;
    /** Descendants at every generation, the customer itself not counted. */
    private final int[] chainSize;
    private final int roots;
    private final int maxDepth;

    private ReferralForest(long[] ids, IdIndex index, int[] parent, int[] refereeStart, int[] referees, int[] order,
                           int[] depth, int[] chainSize, int roots, int maxDepth) {
        this.ids = ids;
        this.index = index;
        this.parent = parent;
        this.refereeStart = refereeStart;
        this.referees = referees;
        this.order = order;
        this.depth = depth;
        this.chainSize = chainSize;
        this.roots = roots;
        this.maxDepth = maxDepth;
    }

    /**
     * The forest of these customers.
     *
     * @param customerIds the customers, each once; {@link #NONE} is not a customer id
     * @param referrerIds for each customer (same position) the id of the customer who referred it, or {@link #NONE}
     * @throws IllegalArgumentException if the arrays differ in length, an id is listed twice or is {@link #NONE}, a
     *                                  customer refers itself, a referrer is not among the customers, or the referrals
     *                                  make a cycle (the message names the customers in it)
     */
    public static ReferralForest of(long[] customerIds, long[] referrerIds) {
        int n = pairedLength(customerIds, referrerIds);
        long[] ids = customerIds.clone();
        IdIndex index = new IdIndex(ids);

        int[] parent = new int[n];
        int[] refereeStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            long r = referrerIds[i];
            if (r == NONE) {
                parent[i] = -1;
                continue;
            }
            if (r == ids[i]) {
                throw new IllegalArgumentException("customer " + ids[i] + " refers itself");
            }
            int p = index.get(r);
            if (p < 0) {
                throw new IllegalArgumentException("customer " + ids[i] + " was referred by " + r
                        + ", who is not among the customers");
            }
            parent[i] = p;
            refereeStart[p + 1]++;
        }
        for (int p = 0; p < n; p++) {
            refereeStart[p + 1] += refereeStart[p];
        }
        int[] referees = new int[n];
        int[] fill = Arrays.copyOf(refereeStart, n); // the next free slot of each referrer
        for (int i = 0; i < n; i++) {
            if (parent[i] >= 0) {
                referees[fill[parent[i]]++] = i;
            }
        }

        // Breadth first from the roots: each customer's depth is known when it is appended.
        int[] order = new int[n];
        int[] depth = new int[n];
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] < 0) {
                order[tail++] = i;
            }
        }
        int roots = tail;
        int maxDepth = 0;
        for (int head = 0; head < tail; head++) {
            int p = order[head];
            int d = depth[p] + 1;
            for (int k = refereeStart[p], end = refereeStart[p + 1]; k < end; k++) {
                int c = referees[k];
                depth[c] = d;
                order[tail++] = c;
                maxDepth = Math.max(maxDepth, d); // only reached when p has referees
            }
        }
        if (tail < n) {
            throw cycle(ids, parent, order, tail);
        }

        // Referees before their referrers: the breadth-first order backwards.
        int[] chainSize = new int[n];
        for (int k = n - 1; k >= roots; k--) {
            int c = order[k];
            chainSize[parent[c]] += chainSize[c] + 1;
        }
        return new ReferralForest(ids, index, parent, refereeStart, referees, order, depth, chainSize, roots,
                maxDepth);
    }

    /** The number of customers, once both arrays are there and of one length (else an exception saying why). */
    static int pairedLength(long[] customerIds, long[] referrerIds) {
        Objects.requireNonNull(customerIds, "customerIds");
        Objects.requireNonNull(referrerIds, "referrerIds");
        int n = customerIds.length;
        if (referrerIds.length != n) {
            throw new IllegalArgumentException("there are " + n + " customer ids but " + referrerIds.length
                    + " referrer ids: each customer needs its referrer id or ReferralForest.NONE");
        }
        return n;
    }

    /**
     * The first cycle among the customers the breadth-first pass did not reach. Every such customer leads, following
     * its referrers, into a cycle (a path up to a root would have made it reachable).
     */
    private static IllegalArgumentException cycle(long[] ids, int[] parent, int[] order, int reached) {
        int n = ids.length;
        // 0: not reached; 1: reached from a root; 2: on the current walk.
        byte[] state = new byte[n];
        for (int k = 0; k < reached; k++) {
            state[order[k]] = 1;
        }
        int start = 0;
        while (state[start] != 0) {
            start++;
        }
        int v = start;
        while (state[v] == 0) {
            state[v] = 2;
            v = parent[v];
        }
        // v is the first customer seen twice: it lies on the cycle.
        int length = 1;
        for (int u = parent[v]; u != v; u = parent[u]) {
            length++;
        }
        StringBuilder s = new StringBuilder("referral cycle of ").append(length).append(" customers: ");
        int u = v;
        for (int k = 0; k < Math.min(length, CYCLE_NAMES); k++) {
            s.append(k == 0 ? "" : ", ").append(ids[u]).append(k == 0 ? " was referred by " : " by ")
                    .append(ids[parent[u]]);
            u = parent[u];
        }
        if (length > CYCLE_NAMES) {
            s.append(", … (").append(length - CYCLE_NAMES).append(" more)");
        }
        s.append("; ").append(n - reached).append(n - reached == 1 ? " customer is" : " customers are")
                .append(" in or below a cycle");
        return new IllegalArgumentException(s.toString());
    }

    /** The number of customers. */
    public int size() {
        return ids.length;
    }

    /** The number of customers who came by referral. */
    public int referredCount() {
        return ids.length - roots;
    }

    /** The number of customers who came without a referral (the roots). */
    public int rootCount() {
        return roots;
    }

    /** The deepest generation: 0 if nobody was referred. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Whether this id is one of the customers. */
    public boolean contains(long customerId) {
        return index.get(customerId) >= 0;
    }

    /** The position of a customer in the input, or −1 if the id is not one of the customers. */
    public int indexOf(long customerId) {
        return index.get(customerId);
    }

    /** The id of the customer at this position. */
    public long customerId(int position) {
        return ids[position];
    }

    /** The referrer's id, or {@link #NONE} for a customer who came without a referral. */
    public long referrer(long customerId) {
        int p = parent[position(customerId)];
        return p < 0 ? NONE : ids[p];
    }

    /** The referrer's position, or −1 for a customer who came without a referral. */
    public int referrerAt(int position) {
        return parent[position];
    }

    /** The number of customers this one referred itself (the first generation). */
    public int directReferrals(long customerId) {
        return directReferralsAt(position(customerId));
    }

    public int directReferralsAt(int position) {
        return refereeStart[position + 1] - refereeStart[position];
    }

    /** The number of customers who came through this one at any generation, the customer itself not counted. */
    public int chainSize(long customerId) {
        return chainSize[position(customerId)];
    }

    public int chainSizeAt(int position) {
        return chainSize[position];
    }

    /** The generation below the root: 0 for a customer who came without a referral, 1 for its referees, … */
    public int depth(long customerId) {
        return depth[position(customerId)];
    }

    public int depthAt(int position) {
        return depth[position];
    }

    /** The id of the customer at the root of this one's chain (the customer itself if it was not referred). */
    public long root(long customerId) {
        int v = position(customerId);
        while (parent[v] >= 0) {
            v = parent[v];
        }
        return ids[v];
    }

    /** The ids from this customer up through its referrers to its root, both included: depth + 1 ids. */
    public long[] pathToRoot(long customerId) {
        int v = position(customerId);
        long[] path = new long[depth[v] + 1];
        for (int k = 0; k < path.length; k++) {
            path[k] = ids[v];
            v = parent[v];
        }
        return path;
    }

    /** Every customer this one referred directly, in input order. */
    public long[] children(long customerId) {
        int p = position(customerId);
        return children(customerId, 0, directReferralsAt(p)).customerIds();
    }

    /**
     * A page of the customers this one referred directly, in input order.
     *
     * @param offset the first referee of the page, from 0
     * @param limit  at most this many referees (≥ 0)
     * @throws IllegalArgumentException for an unknown customer, a negative offset or limit
     */
    public Children children(long customerId, int offset, int limit) {
        int p = position(customerId);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("a page needs offset ≥ 0 and limit ≥ 0, got offset " + offset
                    + " and limit " + limit);
        }
        int total = directReferralsAt(p);
        int from = (int) Math.min(total, (long) offset);
        int to = (int) Math.min(total, (long) from + limit);
        long[] page = new long[to - from];
        for (int k = from; k < to; k++) {
            page[k - from] = ids[referees[refereeStart[p] + k]];
        }
        return new Children(customerId, total, offset, page);
    }

    /**
     * A page of a customer's direct referees.
     *
     * @param referrer    the customer whose referees these are
     * @param total       its direct referrals in all
     * @param offset      the position of the page's first referee among them
     * @param customerIds the referees on the page, in input order
     */
    public record Children(long referrer, int total, int offset, long[] customerIds) {
        public Children {
            customerIds = customerIds.clone();
        }

        @Override
        public long[] customerIds() {
            return customerIds.clone();
        }

        /** Whether referees follow this page. */
        public boolean hasMore() {
            return offset + customerIds.length < total;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Children c && referrer == c.referrer && total == c.total && offset == c.offset
                    && Arrays.equals(customerIds, c.customerIds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(referrer, total, offset, Arrays.hashCode(customerIds));
        }

        @Override
        public String toString() {
            return "Children[of " + referrer + ", " + offset + "…" + (offset + customerIds.length) + " of " + total
                    + ": " + Arrays.toString(customerIds) + "]";
        }
    }

    /**
     * A per-customer value summed over each customer's chain: over its direct referees (the first generation) and,
     * apart, over its indirect ones (the second generation and beyond). The customer's own value is in neither.
     * One pass over the customers, referees before referrers.
     *
     * @param values one finite value per customer, in input order (revenue, margin, CLV, …)
     * @throws IllegalArgumentException if the length differs from {@link #size()} or a value is not finite (the
     *                                  message names the customer)
     */
    public ChainValues chainValues(double[] values) {
        Objects.requireNonNull(values, "values");
        int n = ids.length;
        if (values.length != n) {
            throw new IllegalArgumentException("there are " + values.length + " values for " + n
                    + " customers: one value per customer, in the order of the forest's customers");
        }
        double[] direct = new double[n];
        double[] indirect = new double[n];
        for (int k = n - 1; k >= roots; k--) {
            int c = order[k];
            double v = values[c];
            if (!Double.isFinite(v)) {
                throw notFinite(c, v);
            }
            int p = parent[c];
            direct[p] += v;
            indirect[p] += direct[c] + indirect[c];
        }
        for (int k = 0; k < roots; k++) {
            if (!Double.isFinite(values[order[k]])) {
                throw notFinite(order[k], values[order[k]]);
            }
        }
        return new ChainValues(this, direct, indirect);
    }

    private IllegalArgumentException notFinite(int position, double v) {
        return new IllegalArgumentException("the value of customer " + ids[position] + " is " + v
                + ": values must be finite");
    }

    /** The position of a known customer. */
    int position(long customerId) {
        int p = index.get(customerId);
        if (p < 0) {
            throw new IllegalArgumentException("customer " + customerId + " is not in the referral forest");
        }
        return p;
    }

    @Override
    public String toString() {
        return "ReferralForest[" + ids.length + " customers, " + referredCount() + " referred, max depth " + maxDepth
                + "]";
    }

    /**
     * One value summed over the customers' chains ({@link #chainValues(double[])}): for each customer the sum over
     * its direct referees and the sum over its indirect ones.
     */
    public static final class ChainValues {
        private final ReferralForest forest;
        private final double[] direct;
        private final double[] indirect;

        private ChainValues(ReferralForest forest, double[] direct, double[] indirect) {
            this.forest = forest;
            this.direct = direct;
            this.indirect = indirect;
        }

        /** The sum of the values of the customers this one referred directly. */
        public double direct(long customerId) {
            return direct[forest.position(customerId)];
        }

        /** The sum of the values of the customers who came through this one beyond the first generation. */
        public double indirect(long customerId) {
            return indirect[forest.position(customerId)];
        }

        /** direct + indirect: the whole downstream chain. */
        public double chain(long customerId) {
            int p = forest.position(customerId);
            return direct[p] + indirect[p];
        }

        public double directAt(int position) {
            return direct[position];
        }

        public double indirectAt(int position) {
            return indirect[position];
        }

        /** A copy of the direct sums, in input order. */
        public double[] directSums() {
            return direct.clone();
        }

        /** A copy of the indirect sums, in input order. */
        public double[] indirectSums() {
            return indirect.clone();
        }
    }

    /**
     * Open-addressing hash index from id to position (linear probing, at most half full), without boxing. A slot
     * holds position + 1; 0 is empty.
     */
    static final class IdIndex {
        private final long[] ids;
        private final int[] slots;
        private final int mask;
        private final int shift;

        IdIndex(long[] ids) {
            this.ids = ids;
            if (ids.length > 1 << 29) {
                throw new IllegalArgumentException("too many customers for one forest: " + ids.length);
            }
            int bits = 64 - Long.numberOfLeadingZeros(Math.max(4, ids.length) * 2L - 1); // 2^bits ≥ 2n
            this.slots = new int[1 << bits];
            this.mask = (1 << bits) - 1;
            this.shift = 64 - bits;
            for (int i = 0; i < ids.length; i++) {
                long id = ids[i];
                if (id == NONE) {
                    throw new IllegalArgumentException("customer id " + NONE + " (at position " + i
                            + ") is reserved for ReferralForest.NONE, no referrer");
                }
                int s = slot(id);
                while (slots[s] != 0) {
                    if (ids[slots[s] - 1] == id) {
                        throw new IllegalArgumentException("customer " + id + " is listed twice, at positions "
                                + (slots[s] - 1) + " and " + i);
                    }
                    s = (s + 1) & mask;
                }
                slots[s] = i + 1;
            }
        }

        private int slot(long id) {
            return (int) ((id * 0x9E3779B97F4A7C15L) >>> shift); // Fibonacci hashing: the top bits
        }

        /** The position of the id, or −1. */
        int get(long id) {
            int s = slot(id);
            while (true) {
                int v = slots[s];
                if (v == 0) {
                    return -1;
                }
                if (ids[v - 1] == id) {
                    return v - 1;
                }
                s = (s + 1) & mask;
            }
        }
    }
}
