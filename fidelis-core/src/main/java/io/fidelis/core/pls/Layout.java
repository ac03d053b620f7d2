package io.fidelis.core.pls;

import java.util.ArrayList;
import java.util.List;

/**
 * A model in index form for the estimation loops: constructs 0..k−1 in model order, items 0..p−1 block by block,
 * and the inner model as predecessor and successor lists.
 */
final class Layout {
    final PlsModel model;
    final List<String> constructs;
    final List<String> items;
    final int k;
    final int p;
    /** Block b holds items start[b] until start[b + 1]. */
    final int[] start;
    final int[] blockOf;
    final int[][] predecessors;
    final int[][] successors;
    final boolean[][] adjacent;
    /** The constructs with at least one predecessor, in model order. */
    final int[] endogenous;

    private Layout(PlsModel model) {
        this.model = model;
        this.constructs = model.constructs();
        this.k = constructs.size();
        List<String> itemList = new ArrayList<>();
        this.start = new int[k + 1];
        for (int b = 0; b < k; b++) {
            start[b] = itemList.size();
            itemList.addAll(model.items(constructs.get(b)));
        }
        start[k] = itemList.size();
        this.items = List.copyOf(itemList);
        this.p = items.size();
        this.blockOf = new int[p];
        for (int b = 0; b < k; b++) {
            for (int i = start[b]; i < start[b + 1]; i++) {
                blockOf[i] = b;
            }
        }
        this.adjacent = new boolean[k][k];
        List<List<Integer>> pred = new ArrayList<>();
        List<List<Integer>> succ = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            pred.add(new ArrayList<>());
            succ.add(new ArrayList<>());
        }
        for (PlsModel.Path path : model.paths()) {
            int from = constructs.indexOf(path.from());
            int to = constructs.indexOf(path.to());
            pred.get(to).add(from);
            succ.get(from).add(to);
            adjacent[from][to] = true;
            adjacent[to][from] = true;
        }
        this.predecessors = new int[k][];
        this.successors = new int[k][];
        List<Integer> endo = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            predecessors[b] = pred.get(b).stream().mapToInt(Integer::intValue).sorted().toArray();
            successors[b] = succ.get(b).stream().mapToInt(Integer::intValue).sorted().toArray();
            if (predecessors[b].length > 0) {
                endo.add(b);
            }
        }
        this.endogenous = endo.stream().mapToInt(Integer::intValue).toArray();
    }

    static Layout of(PlsModel model) {
        return new Layout(model);
    }

    int construct(String name) {
        int b = constructs.indexOf(name);
        if (b < 0) {
            throw new IllegalArgumentException("unknown construct " + name + " (constructs: " + constructs + ")");
        }
        return b;
    }
}
