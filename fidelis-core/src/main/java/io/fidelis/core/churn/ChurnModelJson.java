package io.fidelis.core.churn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The saved form of a {@link FittedChurnModel}: RFC 8259 JSON with exactly these keys.
 * <pre>
 * {"format": "fidelis-churn-model", "version": 1, "target": "Churn", "positive": "Yes", "negative": "No",
 *  "rows": 7043, "positives": 1869, "alpha": 0.5, "lambda": 0.0012, "intercept": -1.23,
 *  "tuning": {"folds": 5, "seed": 1, "alphas": [0, 0.5, 1], "lambdas": 30, "cvDeviance": 0.83} | null,
 *  "features": [{"name": "tenure", "kind": "numeric", "median": 29, "missing": 0, "dropped": null, "levels": [],
 *                "columns": [{"level": null, "mean": 32.4, "sd": 24.5, "coefficient": -0.06}]}, …],
 *  "coefficients": [{"term": "(Intercept)", "estimate": …, "interval": {"estimate", "standardError", "lower",
 *                    "upper"} | null, "note": null | "…"}, …],
 *  "refitDeviance": 5800.1, "notes": ["…"]}
 * </pre>
 * The reader is strict: an unknown, repeated or missing key, a value of the wrong type, trailing content or a model
 * that does not hang together (a coefficient list that does not match the columns) is an
 * {@link IllegalArgumentException} naming the place. Numbers are written so that they read back exactly.
 * Package-private.
 */
final class ChurnModelJson {
    static final String FORMAT = "fidelis-churn-model";
    static final int VERSION = 1;
    private static final int MAX_DEPTH = 32;

    private ChurnModelJson() {
    }

    // ---------------------------------------------------------------- writing

    static String write(FittedChurnModel m, Encoding encoding, double[] coef) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("version", VERSION);
        out.put("target", m.target());
        out.put("positive", m.positive());
        out.put("negative", m.negative());
        out.put("rows", m.rows());
        out.put("positives", m.positives());
        out.put("alpha", m.alpha());
        out.put("lambda", m.lambda());
        out.put("intercept", m.intercept());
        ChurnModel.Tuning t = m.tuning();
        if (t == null) {
            out.put("tuning", null);
        } else {
            Map<String, Object> tuning = new LinkedHashMap<>();
            tuning.put("folds", t.folds());
            tuning.put("seed", t.seed());
            tuning.put("alphas", t.alphas());
            tuning.put("lambdas", t.lambdas());
            tuning.put("cvDeviance", t.cvDeviance());
            out.put("tuning", tuning);
        }
        List<Object> features = new ArrayList<>();
        for (int f = 0; f < encoding.features.size(); f++) {
            Encoding.Feature feature = encoding.features.get(f);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", feature.name());
            o.put("kind", feature.categorical() ? "categorical" : "numeric");
            o.put("median", feature.median());
            o.put("missing", feature.missing());
            o.put("dropped", feature.dropped());
            o.put("levels", feature.levels());
            List<Object> columns = new ArrayList<>();
            for (int c = 0; c < feature.columns().size(); c++) {
                Encoding.Column column = feature.columns().get(c);
                Map<String, Object> co = new LinkedHashMap<>();
                co.put("level", column.level());
                co.put("mean", column.mean());
                co.put("sd", column.sd());
                co.put("coefficient", coef[encoding.offset[f] + c]);
                columns.add(co);
            }
            o.put("columns", columns);
            features.add(o);
        }
        out.put("features", features);
        List<Object> coefficients = new ArrayList<>();
        for (FittedChurnModel.Coefficient c : m.coefficients()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("term", c.term());
            o.put("estimate", c.estimate());
            if (c.interval() == null) {
                o.put("interval", null);
            } else {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("estimate", c.interval().estimate());
                i.put("standardError", c.interval().standardError());
                i.put("lower", c.interval().lower());
                i.put("upper", c.interval().upper());
                o.put("interval", i);
            }
            o.put("note", c.note());
            coefficients.add(o);
        }
        out.put("coefficients", coefficients);
        out.put("refitDeviance", m.refitDeviance());
        out.put("notes", m.notes());
        StringBuilder sb = new StringBuilder();
        value(sb, out, 0);
        return sb.append('\n').toString();
    }

    private static void value(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Double d) {
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ",").append('\n').append("  ".repeat(indent + 1));
                first = false;
                string(sb, (String) e.getKey());
                sb.append(": ");
                value(sb, e.getValue(), indent + 1);
            }
            sb.append('\n').append("  ".repeat(indent)).append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            boolean nested = list.stream().anyMatch(e -> e instanceof Map);
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                if (nested) {
                    sb.append('\n').append("  ".repeat(indent + 1));
                } else if (i > 0) {
                    sb.append(' ');
                }
                value(sb, list.get(i), indent + 1);
            }
            if (nested) {
                sb.append('\n').append("  ".repeat(indent));
            }
            sb.append(']');
        } else {
            throw new IllegalStateException("cannot write " + v.getClass());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---------------------------------------------------------------- reading

    static FittedChurnModel read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("model JSON is null");
        }
        Object tree = new Parser(json).document();
        return model(new Node("model", tree));
    }

    private static FittedChurnModel model(Node root) {
        Map<String, Node> m = root.object(Set.of("format", "version", "target", "positive", "negative", "rows",
                "positives", "alpha", "lambda", "intercept", "tuning", "features", "coefficients", "refitDeviance",
                "notes"), Set.of());
        if (!FORMAT.equals(m.get("format").string())) {
            throw m.get("format").error("expected \"" + FORMAT + "\"");
        }
        if (m.get("version").integer() != VERSION) {
            throw m.get("version").error("version " + VERSION + " is the only one this release reads");
        }
        ChurnModel.Tuning tuning = null;
        if (!m.get("tuning").isNull()) {
            Map<String, Node> t = m.get("tuning").object(Set.of("folds", "seed", "alphas", "lambdas", "cvDeviance"),
                    Set.of());
            List<Double> alphas = new ArrayList<>();
            for (Node a : t.get("alphas").array()) {
                alphas.add(a.number());
            }
            tuning = new ChurnModel.Tuning((int) t.get("folds").integer(), t.get("seed").integer(), alphas,
                    (int) t.get("lambdas").integer(), t.get("cvDeviance").number());
        }
        List<Encoding.Feature> features = new ArrayList<>();
        List<Double> coef = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Node fn : m.get("features").array()) {
            Map<String, Node> f = fn.object(Set.of("name", "kind", "median", "missing", "dropped", "levels",
                    "columns"), Set.of());
            String name = f.get("name").string();
            if (!names.add(name)) {
                throw f.get("name").error("feature " + name + " is given twice");
            }
            String kind = f.get("kind").string();
            if (!kind.equals("numeric") && !kind.equals("categorical")) {
                throw f.get("kind").error("kind must be \"numeric\" or \"categorical\", not \"" + kind + "\"");
            }
            boolean categorical = kind.equals("categorical");
            List<String> levels = new ArrayList<>();
            for (Node l : f.get("levels").array()) {
                levels.add(l.string());
            }
            List<Encoding.Column> columns = new ArrayList<>();
            for (Node cn : f.get("columns").array()) {
                Map<String, Node> c = cn.object(Set.of("level", "mean", "sd", "coefficient"), Set.of());
                String level = c.get("level").isNull() ? null : c.get("level").string();
                if (categorical != (level != null) || categorical && !levels.subList(1, levels.size())
                        .contains(level)) {
                    throw c.get("level").error(categorical ? "a level of the feature other than the first"
                            : "null for a numeric feature");
                }
                double sd = c.get("sd").number();
                if (!(sd > 0)) {
                    throw c.get("sd").error("the standard deviation must be > 0");
                }
                columns.add(new Encoding.Column(level, c.get("mean").number(), sd));
                coef.add(c.get("coefficient").number());
            }
            String dropped = f.get("dropped").isNull() ? null : f.get("dropped").string();
            if (!categorical && columns.size() > 1 || categorical && dropped == null
                    && columns.size() != levels.size() - 1) {
                throw f.get("columns").error("the columns do not match the levels");
            }
            double median = f.get("median").isNull() ? Double.NaN : f.get("median").number();
            if (!categorical && dropped == null && Double.isNaN(median)) {
                throw f.get("median").error("a numeric feature needs its median");
            }
            features.add(new Encoding.Feature(name, categorical, median, levels, columns,
                    (int) f.get("missing").integer(), dropped));
        }
        Encoding encoding = new Encoding(features);
        double[] c = coef.stream().mapToDouble(Double::doubleValue).toArray();
        List<Node> cs = m.get("coefficients").array();
        if (cs.size() != encoding.p + 1) {
            throw m.get("coefficients").error("expected " + (encoding.p + 1) + " coefficients (the intercept and"
                    + " one per column), found " + cs.size());
        }
        List<FittedChurnModel.Coefficient> coefficients = new ArrayList<>();
        for (int k = 0; k < cs.size(); k++) {
            Map<String, Node> o = cs.get(k).object(Set.of("term", "estimate", "interval", "note"), Set.of());
            String term = o.get("term").string();
            String expected = k == 0 ? "(Intercept)" : encoding.term(k - 1);
            if (!term.equals(expected)) {
                throw o.get("term").error("expected the term \"" + expected + "\"");
            }
            FittedChurnModel.Interval interval = null;
            if (!o.get("interval").isNull()) {
                Map<String, Node> i = o.get("interval").object(Set.of("estimate", "standardError", "lower", "upper"),
                        Set.of());
                interval = new FittedChurnModel.Interval(i.get("estimate").number(), i.get("standardError").number(),
                        i.get("lower").number(), i.get("upper").number());
            }
            String feature = null;
            String level = null;
            if (k > 0) {
                int f = encoding.featureOf(k - 1);
                Encoding.Feature ef = encoding.features.get(f);
                feature = ef.name();
                level = ef.categorical() ? ef.columns().get(k - 1 - encoding.offset[f]).level() : null;
            }
            coefficients.add(new FittedChurnModel.Coefficient(term, feature, level, o.get("estimate").number(),
                    interval, o.get("note").isNull() ? null : o.get("note").string()));
        }
        List<String> notes = new ArrayList<>();
        for (Node n : m.get("notes").array()) {
            notes.add(n.string());
        }
        int rows = (int) m.get("rows").integer();
        int positives = (int) m.get("positives").integer();
        return new FittedChurnModel(m.get("target").string(), m.get("positive").string(), m.get("negative").string(),
                rows, positives, encoding, m.get("intercept").number(), c, m.get("alpha").number(),
                m.get("lambda").number(), tuning, coefficients, m.get("refitDeviance").number(), notes);
    }

    /** A parsed value with its path for messages. */
    private record Node(String path, Object value) {
        boolean isNull() {
            return value == null;
        }

        String string() {
            if (value instanceof String s) {
                return s;
            }
            throw error("expected a string");
        }

        double number() {
            if (value instanceof Double d) {
                return d;
            }
            throw error("expected a number");
        }

        long integer() {
            double d = number();
            if (d != Math.rint(d) || Math.abs(d) > 1L << 53) {
                throw error("expected a whole number");
            }
            return (long) d;
        }

        List<Node> array() {
            if (value instanceof List<?> list) {
                List<Node> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(new Node(path + "[" + i + "]", list.get(i)));
                }
                return out;
            }
            throw error("expected an array");
        }

        Map<String, Node> object(Set<String> required, Set<String> optional) {
            if (!(value instanceof Map<?, ?> map)) {
                throw error("expected an object");
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = (String) e.getKey();
                if (!required.contains(key) && !optional.contains(key)) {
                    throw error("unknown key \"" + key + "\"");
                }
                out.put(key, new Node(path + "." + key, e.getValue()));
            }
            for (String key : new java.util.TreeSet<>(required)) {
                if (!out.containsKey(key)) {
                    throw error("missing key \"" + key + "\"");
                }
            }
            return out;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("model JSON, " + path + ": " + message);
        }
    }

    /** A strict RFC 8259 parser into Map (insertion order), List, String, Double, Boolean and null. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            if (s.startsWith("\uFEFF")) {
                pos = 1;
            }
            skipSpace();
            Object v = value(0);
            skipSpace();
            if (pos < s.length()) {
                throw error("unexpected " + describe() + " after the model object");
            }
            return v;
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            int c = peek();
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    skipSpace();
                    if (peek() == '}') {
                        pos++;
                        return map;
                    }
                    while (true) {
                        skipSpace();
                        int at = pos;
                        String key = string();
                        skipSpace();
                        expect(':');
                        skipSpace();
                        Object v = value(depth + 1);
                        if (map.containsKey(key)) {
                            pos = at;
                            throw error("key \"" + key + "\" is given twice");
                        }
                        map.put(key, v);
                        skipSpace();
                        if (peek() == ',') {
                            pos++;
                            continue;
                        }
                        expect('}');
                        return map;
                    }
                }
                case '[' -> {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    skipSpace();
                    if (peek() == ']') {
                        pos++;
                        return list;
                    }
                    while (true) {
                        skipSpace();
                        list.add(value(depth + 1));
                        skipSpace();
                        if (peek() == ',') {
                            pos++;
                            continue;
                        }
                        expect(']');
                        return list;
                    }
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    literal("true");
                    return Boolean.TRUE;
                }
                case 'f' -> {
                    literal("false");
                    return Boolean.FALSE;
                }
                case 'n' -> {
                    literal("null");
                    return null;
                }
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        return number();
                    }
                    throw error("expected a value, found " + describe());
                }
            }
        }

        private void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word + ", found " + describe());
            }
            pos += word.length();
        }

        private Double number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (peek() >= '1' && peek() <= '9') {
                while (peek() >= '0' && peek() <= '9') {
                    pos++;
                }
            } else {
                throw error("expected a digit, found " + describe());
            }
            if (peek() == '.') {
                pos++;
                int digits = pos;
                while (peek() >= '0' && peek() <= '9') {
                    pos++;
                }
                if (pos == digits) {
                    throw error("expected a digit after '.', found " + describe());
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                int digits = pos;
                while (peek() >= '0' && peek() <= '9') {
                    pos++;
                }
                if (pos == digits) {
                    throw error("expected a digit in the exponent, found " + describe());
                }
            }
            double d = Double.parseDouble(s.substring(start, pos));
            if (Double.isInfinite(d)) {
                pos = start;
                throw error("number out of range");
            }
            return d;
        }

        private String string() {
            if (peek() != '"') {
                throw error("expected a string in quotes, found " + describe());
            }
            int start = pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    pos = start;
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string (escape it)");
                }
                if (c != '\\') {
                    out.append(c);
                    pos++;
                    continue;
                }
                if (pos + 1 >= s.length()) {
                    pos = start;
                    throw error("unterminated string");
                }
                char e = s.charAt(pos + 1);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 6 > s.length()) {
                            throw error("incomplete \\u escape");
                        }
                        int code = 0;
                        for (int i = pos + 2; i < pos + 6; i++) {
                            int d = Character.digit(s.charAt(i), 16);
                            if (d < 0) {
                                pos = i;
                                throw error("expected a hex digit in a \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        out.append((char) code);
                        pos += 4;
                    }
                    default -> throw error("invalid escape \\" + e);
                }
                pos += 2;
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "', found " + describe());
            }
            pos++;
        }

        private int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private String describe() {
            if (pos >= s.length()) {
                return "end of input";
            }
            char c = s.charAt(pos);
            return c < 0x20 || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : "'" + c + "'";
        }

        private IllegalArgumentException error(String message) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new IllegalArgumentException("model JSON, line " + line + ", column " + column + ": " + message);
        }
    }
}
