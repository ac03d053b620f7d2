package io.fidelis.core.referral;

import java.util.ArrayList;
import java.util.List;

/**
 * Every referral cycle among some customers: groups of customers each referred, directly or through others, by
 * itself. Used to refuse changes (an import of referrals, for example) that would make the referrals a graph that
 * {@link ReferralForest} cannot build.
 *
 * <p>Unlike {@link ReferralForest#of}, a referrer who is not among the customers is allowed and ends the chain, so a
 * caller can pass only the customers that have a referrer. It runs in O(n) on primitive arrays and does not recurse.
 */
public final class ReferralCycles {
    private ReferralCycles() {
    }

    /**
     * The cycles, each as the positions of its customers in referral order (the customer at {@code cycle[k]} was
     * referred by the one at {@code cycle[k + 1]}, the last by the first), starting with its customer that comes
     * first in the input. The cycles come in the order of their first customers. A customer below a cycle (referred
     * by someone on it) is not part of it. A customer who refers itself is a cycle of one.
     *
     * @param customerIds the customers, each once; {@link ReferralForest#NONE} is not a customer id
     * @param referrerIds for each customer (same position) its referrer's id, or {@link ReferralForest#NONE}
     * @throws IllegalArgumentException if the arrays differ in length or an id is listed twice or is NONE
     */
    public static List<int[]> of(long[] customerIds, long[] referrerIds) {
        int n = ReferralForest.pairedLength(customerIds, referrerIds);
        ReferralForest.IdIndex index = new ReferralForest.IdIndex(customerIds);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = referrerIds[i] == ReferralForest.NONE ? -1 : index.get(referrerIds[i]);
        }
        // 0: not seen; i + 1 on the walk that started at i; -1: done (on no cycle, or on one already reported).
        int[] walk = new int[n];
        List<int[]> cycles = new ArrayList<>();
        int[] members = new int[Math.max(1, n)];
        for (int start = 0; start < n; start++) {
            if (walk[start] != 0) {
                continue;
            }
            int v = start;
            while (v >= 0 && walk[v] == 0) {
                walk[v] = start + 1;
                v = parent[v];
            }
            if (v >= 0 && walk[v] == start + 1) {
                // v was first seen on this walk: it lies on a new cycle.
                int length = 0;
                int u = v;
                do {
                    members[length++] = u;
                    u = parent[u];
                } while (u != v);
                // Start with the member that comes first in the input.
                int first = 0;
                for (int k = 1; k < length; k++) {
                    if (members[k] < members[first]) {
                        first = k;
                    }
                }
                int[] cycle = new int[length];
                for (int k = 0; k < length; k++) {
                    cycle[k] = members[(first + k) % length];
                }
                cycles.add(cycle);
            }
            for (int u = start; u >= 0 && walk[u] == start + 1; u = parent[u]) {
                walk[u] = -1;
            }
        }
        cycles.sort(java.util.Comparator.comparingInt(c -> c[0]));
        return cycles;
    }
}
