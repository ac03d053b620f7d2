package io.fidelis.core.pls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PLS path model: the blocks (construct name → its ordered item names), the inner paths between constructs, and
 * the measurement mode of each block. Immutable; built with {@link #builder()} or read from the CLI's JSON form
 * with {@link #fromJson(String)}.
 *
 * <p>Validated on {@link Builder#build()}: every block has at least one item, no item is in two blocks, every path
 * joins two known, different constructs, every construct is on at least one path, and the inner model has no cycle
 * (PLS path modelling as in Lohmöller 1989 and plspm needs a recursive model). Only Mode A (reflective: outer weights
 * from the covariances of the items with the inner proxy) is supported. Item names are matched exactly (case
 * sensitive) against the data's column names when the model is fitted.
 */
public final class PlsModel {

    /** The measurement mode of a block. Only {@link #A} is supported. */
    public enum Mode {
        /** Reflective: outer weights are the covariances of the items with the construct's inner proxy. */
        A,
        /** Formative: outer weights from a regression of the inner proxy on the items. Not supported. */
        B
    }

    /** A directed inner path between two constructs. */
    public record Path(String from, String to) {
        @Override
        public String toString() {
            return from + " → " + to;
        }
    }

    private final Map<String, List<String>> blocks;
    private final List<Path> paths;
    private final Map<String, Mode> modes;

    private PlsModel(Map<String, List<String>> blocks, List<Path> paths, Map<String, Mode> modes) {
        this.blocks = blocks;
        this.paths = paths;
        this.modes = modes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the CLI's model description: {@code {"blocks": {"IMAG": ["imag1", …], …}, "paths": [["IMAG","EXPE"],
     * …], "modes": {"IMAG": "A"}}}. {@code modes} is optional (Mode A). The parser is strict: it accepts exactly this
     * shape, rejects unknown or repeated keys, and reports the line and column of the first error in an {@link
     * IllegalArgumentException}.
     */
    public static PlsModel fromJson(String json) {
        return ModelJson.parse(json);
    }

    /** The construct names in the order their blocks were given. */
    public List<String> constructs() {
        return List.copyOf(blocks.keySet());
    }

    /** The blocks: construct name → item names, in order. */
    public Map<String, List<String>> blocks() {
        return blocks;
    }

    /** The items of one construct. */
    public List<String> items(String construct) {
        List<String> items = blocks.get(construct);
        if (items == null) {
            throw new IllegalArgumentException("unknown construct " + construct);
        }
        return items;
    }

    public List<Path> paths() {
        return paths;
    }

    public Mode mode(String construct) {
        items(construct);
        return modes.get(construct);
    }

    @Override
    public String toString() {
        return "PlsModel" + blocks + " " + paths;
    }

    /** Builds a {@link PlsModel}; {@link #build()} validates it. */
    public static final class Builder {
        private final Map<String, List<String>> blocks = new LinkedHashMap<>();
        private final List<Path> paths = new ArrayList<>();
        private final Map<String, Mode> modes = new HashMap<>();
        private final List<String> errors = new ArrayList<>();

        private Builder() {
        }

        public Builder block(String construct, String... items) {
            return block(construct, List.of(items));
        }

        public Builder block(String construct, List<String> items) {
            if (construct == null || construct.isBlank()) {
                errors.add("a construct name is empty");
            } else if (blocks.containsKey(construct)) {
                errors.add("construct " + construct + " has two blocks");
            } else {
                blocks.put(construct, new ArrayList<>(items));
            }
            return this;
        }

        public Builder path(String from, String to) {
            paths.add(new Path(from, to));
            return this;
        }

        public Builder mode(String construct, Mode mode) {
            if (modes.put(construct, mode) != null) {
                errors.add("construct " + construct + " has two modes");
            }
            return this;
        }

        /** @throws IllegalArgumentException naming every problem found */
        public PlsModel build() {
            List<String> problems = new ArrayList<>(errors);
            if (blocks.isEmpty()) {
                problems.add("the model has no blocks");
            }
            Map<String, String> blockOfItem = new HashMap<>();
            for (var e : blocks.entrySet()) {
                if (e.getValue().isEmpty()) {
                    problems.add("block " + e.getKey() + " has no items");
                }
                for (String item : e.getValue()) {
                    if (item == null || item.isBlank()) {
                        problems.add("block " + e.getKey() + " has an empty item name");
                        continue;
                    }
                    String other = blockOfItem.putIfAbsent(item, e.getKey());
                    if (other != null) {
                        problems.add(other.equals(e.getKey())
                                ? "item " + item + " is twice in block " + other
                                : "item " + item + " is in two blocks: " + other + " and " + e.getKey());
                    }
                }
            }
            Set<Path> seen = new LinkedHashSet<>();
            Set<String> connected = new HashSet<>();
            for (Path p : paths) {
                if (p.from() == null || p.to() == null) {
                    problems.add("a path has an empty end");
                    continue;
                }
                boolean known = true;
                for (String end : List.of(p.from(), p.to())) {
                    if (!blocks.containsKey(end)) {
                        problems.add("path " + p + ": unknown construct " + end);
                        known = false;
                    }
                }
                if (p.from().equals(p.to())) {
                    problems.add("path " + p + " joins a construct to itself");
                } else if (!seen.add(p)) {
                    problems.add("path " + p + " is given twice");
                } else if (known) {
                    connected.add(p.from());
                    connected.add(p.to());
                }
            }
            if (paths.isEmpty()) {
                problems.add("the model has no paths");
            } else {
                for (String c : blocks.keySet()) {
                    if (!connected.contains(c)) {
                        problems.add("construct " + c + " is on no path (every construct needs a neighbour)");
                    }
                }
            }
            for (var e : modes.entrySet()) {
                if (!blocks.containsKey(e.getKey())) {
                    problems.add("mode for unknown construct " + e.getKey());
                } else if (e.getValue() != Mode.A) {
                    problems.add("construct " + e.getKey() + ": Mode " + e.getValue()
                            + " is not supported; only Mode A (reflective) is");
                }
            }
            if (problems.isEmpty()) {
                String cycle = cycle(new ArrayList<>(seen));
                if (cycle != null) {
                    problems.add("the inner model has a cycle: " + cycle);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid PLS model: " + String.join("; ", problems));
            }
            Map<String, List<String>> b = new LinkedHashMap<>();
            Map<String, Mode> m = new LinkedHashMap<>();
            blocks.forEach((k, v) -> {
                b.put(k, List.copyOf(v));
                m.put(k, Mode.A);
            });
            return new PlsModel(Collections.unmodifiableMap(b), List.copyOf(paths), Collections.unmodifiableMap(m));
        }

        /**
         * A cycle as "A → B → C → A", or null. Kahn's topological sort removes every construct not on or behind a
         * cycle; walking backwards from any construct left must revisit one. Iterative: a long chain in a fuzzed
         * model cannot overflow the stack.
         */
        private String cycle(List<Path> edges) {
            Map<String, List<String>> next = new LinkedHashMap<>();
            Map<String, Integer> indegree = new HashMap<>();
            for (String c : blocks.keySet()) {
                next.put(c, new ArrayList<>());
                indegree.put(c, 0);
            }
            for (Path p : edges) {
                next.get(p.from()).add(p.to());
                indegree.merge(p.to(), 1, Integer::sum);
            }
            ArrayDeque<String> ready = new ArrayDeque<>();
            indegree.forEach((c, d) -> {
                if (d == 0) {
                    ready.add(c);
                }
            });
            Set<String> left = new LinkedHashSet<>(blocks.keySet());
            while (!ready.isEmpty()) {
                String c = ready.poll();
                left.remove(c);
                for (String n : next.get(c)) {
                    if (indegree.merge(n, -1, Integer::sum) == 0) {
                        ready.add(n);
                    }
                }
            }
            if (left.isEmpty()) {
                return null;
            }
            // Every construct left still has a predecessor left, so walking backwards must revisit one.
            Map<String, String> previous = new HashMap<>();
            for (Path p : edges) {
                if (left.contains(p.from()) && left.contains(p.to())) {
                    previous.putIfAbsent(p.to(), p.from());
                }
            }
            List<String> walk = new ArrayList<>();
            Map<String, Integer> at = new HashMap<>();
            String c = left.iterator().next();
            while (!at.containsKey(c)) {
                at.put(c, walk.size());
                walk.add(c);
                c = previous.get(c);
            }
            List<String> loop = new ArrayList<>(walk.subList(at.get(c), walk.size()));
            Collections.reverse(loop);
            List<String> order = new ArrayList<>(blocks.keySet());
            String first = Collections.min(loop, Comparator.comparingInt(order::indexOf));
            Collections.rotate(loop, -loop.indexOf(first)); // start at the construct given first
            loop.add(loop.get(0));
            return String.join(" → ", loop);
        }
    }
}
