package io.fidelis.core.pls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict parser for exactly the CLI's model shape (RFC 8259 JSON syntax, but only these values):
 * <pre>{"blocks": {"IMAG": ["imag1", …], …}, "paths": [["IMAG", "EXPE"], …], "modes": {"IMAG": "A", …}}</pre>
 * {@code modes} is optional. Unknown and repeated keys, other value types, trailing content and unescaped control
 * characters are errors, reported as {@link IllegalArgumentException} with the line and column. It never recurses,
 * so no input can overflow the stack.
 */
final class ModelJson {
    private final String s;
    private int pos;

    private ModelJson(String s) {
        this.s = s;
    }

    static PlsModel parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("model JSON is null");
        }
        return new ModelJson(json).model();
    }

    private PlsModel model() {
        if (s.startsWith("\uFEFF")) {
            pos = 1;
        }
        PlsModel.Builder builder = PlsModel.builder();
        boolean blocks = false;
        boolean paths = false;
        Set<String> keys = new HashSet<>();
        skipSpace();
        expect('{', "a JSON object");
        skipSpace();
        if (peek() != '}') {
            do {
                skipSpace();
                int keyAt = pos;
                String key = string("a key in quotes");
                if (!keys.add(key)) {
                    throw error(keyAt, "key \"" + key + "\" is given twice");
                }
                colon();
                switch (key) {
                    case "blocks" -> {
                        blocks(builder);
                        blocks = true;
                    }
                    case "paths" -> {
                        paths(builder);
                        paths = true;
                    }
                    case "modes" -> modes(builder);
                    default -> throw error(keyAt, "unknown key \"" + key + "\" (expected \"blocks\", \"paths\" or"
                            + " \"modes\")");
                }
                skipSpace();
            } while (comma());
        }
        expect('}', "',' or '}'");
        skipSpace();
        if (pos < s.length()) {
            throw error(pos, "unexpected " + describe(pos) + " after the model object");
        }
        if (!blocks) {
            throw error(pos, "the model has no \"blocks\"");
        }
        if (!paths) {
            throw error(pos, "the model has no \"paths\"");
        }
        return builder.build();
    }

    /** {"NAME": ["item", …], …} */
    private void blocks(PlsModel.Builder builder) {
        expect('{', "an object of blocks, {\"NAME\": [\"item\", …]}");
        Set<String> names = new HashSet<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        do {
            skipSpace();
            int at = pos;
            String name = string("a construct name in quotes");
            if (!names.add(name)) {
                throw error(at, "block \"" + name + "\" is given twice");
            }
            colon();
            builder.block(name, stringArray("an array of item names"));
            skipSpace();
        } while (comma());
        expect('}', "',' or '}' in \"blocks\"");
    }

    /** [["FROM", "TO"], …] */
    private void paths(PlsModel.Builder builder) {
        expect('[', "an array of paths, [[\"FROM\", \"TO\"], …]");
        skipSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        do {
            skipSpace();
            int at = pos;
            List<String> ends = stringArray("a path, [\"FROM\", \"TO\"]");
            if (ends.size() != 2) {
                throw error(at, "a path has two ends, [\"FROM\", \"TO\"]; this one has " + ends.size());
            }
            builder.path(ends.get(0), ends.get(1));
            skipSpace();
        } while (comma());
        expect(']', "',' or ']' in \"paths\"");
    }

    /** {"NAME": "A", …} */
    private void modes(PlsModel.Builder builder) {
        expect('{', "an object of modes, {\"NAME\": \"A\"}");
        Set<String> names = new HashSet<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        do {
            skipSpace();
            int at = pos;
            String name = string("a construct name in quotes");
            if (!names.add(name)) {
                throw error(at, "mode of \"" + name + "\" is given twice");
            }
            colon();
            int modeAt = pos;
            String mode = string("a mode, \"A\" or \"B\"");
            switch (mode) {
                case "A" -> builder.mode(name, PlsModel.Mode.A);
                case "B" -> builder.mode(name, PlsModel.Mode.B);
                default -> throw error(modeAt, "mode must be \"A\" or \"B\", not \"" + mode + "\"");
            }
            skipSpace();
        } while (comma());
        expect('}', "',' or '}' in \"modes\"");
    }

    /** ["a", "b", …], possibly empty. */
    private List<String> stringArray(String what) {
        expect('[', what);
        List<String> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        do {
            skipSpace();
            out.add(string("a name in quotes"));
            skipSpace();
        } while (comma());
        expect(']', "',' or ']'");
        return out;
    }

    private String string(String what) {
        if (peek() != '"') {
            throw error(pos, "expected " + what + ", found " + describe(pos));
        }
        int start = pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error(start, "unterminated string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(pos, "control character " + describe(pos) + " in a string (escape it)");
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= s.length()) {
                throw error(start, "unterminated string");
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
                        throw error(pos, "incomplete \\u escape");
                    }
                    int code = 0;
                    for (int i = pos + 2; i < pos + 6; i++) {
                        int d = Character.digit(s.charAt(i), 16);
                        if (d < 0 || s.charAt(i) > 'f') {
                            throw error(i, "expected a hex digit in a \\u escape, found " + describe(i));
                        }
                        code = code * 16 + d;
                    }
                    out.append((char) code);
                    pos += 4;
                }
                default -> throw error(pos, "invalid escape \\" + printable(e));
            }
            pos += 2;
        }
    }

    private void colon() {
        skipSpace();
        expect(':', "':' after a key");
        skipSpace();
    }

    /** Consumes a ',' and answers true, or answers false at anything else. */
    private boolean comma() {
        if (peek() == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw error(pos, "expected " + what + ", found " + describe(pos));
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

    private String describe(int at) {
        return at >= s.length() ? "end of input" : "'" + printable(s.charAt(at)) + "'";
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f || Character.isSurrogate(c) || Character.isSpaceChar(c) && c != ' '
                ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private IllegalArgumentException error(int at, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < at && i < s.length(); i++) {
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
