package io.fidelis.core.clv;

import java.util.Arrays;

/**
 * The distinct (x, t_x, T) rows among many customers, each customer's row and each row's count: an open-addressing
 * table on the primitive values (no boxing), in order of first appearance. Likelihoods and scores that depend on a
 * customer only through these values are computed once per distinct row.
 */
final class DistinctRows {
    /** Each input row's distinct row. */
    final int[] index;
    final int[] x;
    final double[] tx;
    final double[] T;
    final double[] count;

    private DistinctRows(int[] index, int[] x, double[] tx, double[] T, double[] count) {
        this.index = index;
        this.x = x;
        this.tx = tx;
        this.T = T;
        this.count = count;
    }

    int size() {
        return x.length;
    }

    /** @param tx {@code null} to key on (x, T) only */
    static DistinctRows of(int[] x, double[] tx, double[] T) {
        int n = x.length;
        int[] index = new int[n];
        int capacity = 64;
        int[] rx = new int[capacity];
        double[] rtx = new double[capacity];
        double[] rT = new double[capacity];
        double[] count = new double[capacity];
        int size = 0;
        int[] slots = new int[Integer.highestOneBit(Math.max(16, n / 8)) * 2];
        Arrays.fill(slots, -1);
        for (int i = 0; i < n; i++) {
            double t = tx == null ? 0 : tx[i];
            if (size * 2 >= slots.length) {
                slots = rehash(slots.length * 2, size, rx, rtx, rT);
            }
            int mask = slots.length - 1;
            int slot = hash(x[i], t, T[i]) & mask;
            while (true) {
                int row = slots[slot];
                if (row < 0) {
                    if (size == rx.length) {
                        capacity = size * 2;
                        rx = Arrays.copyOf(rx, capacity);
                        rtx = Arrays.copyOf(rtx, capacity);
                        rT = Arrays.copyOf(rT, capacity);
                        count = Arrays.copyOf(count, capacity);
                    }
                    rx[size] = x[i];
                    rtx[size] = t;
                    rT[size] = T[i];
                    slots[slot] = size;
                    row = size++;
                } else if (rx[row] != x[i] || Double.compare(rtx[row], t) != 0 || Double.compare(rT[row], T[i]) != 0) {
                    slot = (slot + 1) & mask;
                    continue;
                }
                index[i] = row;
                count[row]++;
                break;
            }
        }
        return new DistinctRows(index, Arrays.copyOf(rx, size), Arrays.copyOf(rtx, size), Arrays.copyOf(rT, size),
                Arrays.copyOf(count, size));
    }

    private static int[] rehash(int capacity, int size, int[] x, double[] tx, double[] T) {
        int[] slots = new int[capacity];
        Arrays.fill(slots, -1);
        int mask = capacity - 1;
        for (int row = 0; row < size; row++) {
            int slot = hash(x[row], tx[row], T[row]) & mask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = row;
        }
        return slots;
    }

    private static int hash(int x, double tx, double T) {
        long h = Double.doubleToLongBits(T) * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(tx) * 0xC2B2AE3D27D4EB4FL
                + x * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }

    /** The sorted distinct values of a column: a hash set of the values first, so only the distinct are sorted. */
    static double[] sortedDistinct(double[] values) {
        long[] slots = new long[Integer.highestOneBit(Math.max(16, Math.min(values.length, 1 << 20))) * 2];
        boolean[] used = new boolean[slots.length];
        double[] distinct = new double[16];
        int n = 0;
        for (double v : values) {
            if (n * 2 >= slots.length) {
                long[] oldSlots = slots;
                boolean[] oldUsed = used;
                slots = new long[oldSlots.length * 2];
                used = new boolean[slots.length];
                for (int i = 0; i < oldSlots.length; i++) {
                    if (oldUsed[i]) {
                        int slot = mix(oldSlots[i]) & (slots.length - 1);
                        while (used[slot]) {
                            slot = (slot + 1) & (slots.length - 1);
                        }
                        used[slot] = true;
                        slots[slot] = oldSlots[i];
                    }
                }
            }
            long bits = Double.doubleToLongBits(v);
            int mask = slots.length - 1;
            int slot = mix(bits) & mask;
            while (used[slot] && slots[slot] != bits) {
                slot = (slot + 1) & mask;
            }
            if (!used[slot]) {
                used[slot] = true;
                slots[slot] = bits;
                if (n == distinct.length) {
                    distinct = Arrays.copyOf(distinct, n * 2);
                }
                distinct[n++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(distinct, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private static int mix(long bits) {
        long h = bits * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
