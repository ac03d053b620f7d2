package io.fidelis.core.pls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import io.fidelis.core.pls.PlsModel.Path;
import org.junit.jupiter.api.Test;

/** Model validation and the strict JSON reader. */
class PlsModelTest {

    @Test
    void ecsiModelHasTheTwelveMobiPaths() {
        PlsModel m = EcsiModel.mobi();
        assertThat(m.constructs()).containsExactly("IMAG", "EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY");
        assertThat(m.paths()).hasSize(12).contains(new Path("IMAG", "EXPE"), new Path("QUAL", "SAT"),
                new Path("COMP", "LOY"));
        assertThat(m.blocks().values().stream().mapToInt(List::size).sum()).isEqualTo(24);
        assertThat(m.mode("SAT")).isEqualTo(PlsModel.Mode.A);
    }

    @Test
    void cycleIsRejectedAndNamed() {
        assertThatThrownBy(() -> twoBlocks().block("C", "c1").path("A", "B").path("B", "C").path("C", "A").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("A → B → C → A");
        assertThatThrownBy(() -> twoBlocks().path("A", "B").path("B", "A").build())
                .hasMessageContaining("cycle: A → B → A");
    }

    @Test
    void structuralErrorsAreNamed() {
        assertThatThrownBy(() -> PlsModel.builder().block("A").block("B", "b1").path("A", "B").build())
                .hasMessageContaining("block A has no items");
        assertThatThrownBy(() -> PlsModel.builder().block("A", "x").block("B", "x").path("A", "B").build())
                .hasMessageContaining("item x is in two blocks: A and B");
        assertThatThrownBy(() -> twoBlocks().path("A", "Q").build())
                .hasMessageContaining("unknown construct Q");
        assertThatThrownBy(() -> twoBlocks().block("C", "c1").path("A", "B").build())
                .hasMessageContaining("construct C is on no path");
        assertThatThrownBy(() -> twoBlocks().path("A", "A").build())
                .hasMessageContaining("joins a construct to itself");
        assertThatThrownBy(() -> twoBlocks().path("A", "B").path("A", "B").build())
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> twoBlocks().path("A", "B").mode("A", PlsModel.Mode.B).build())
                .hasMessageContaining("Mode B is not supported; only Mode A");
        assertThatThrownBy(() -> PlsModel.builder().build()).hasMessageContaining("no blocks");
    }

    @Test
    void unknownItemIsNamedAtFit() {
        PlsModel m = PlsModel.builder().block("A", "a1", "a2").block("B", "b1", "nope").path("A", "B").build();
        PlsData data = PlsData.ofRows(List.of("a1", "a2", "b1"), new double[][] {{1, 2, 3}, {2, 1, 3}, {3, 3, 1}});
        assertThatThrownBy(() -> PlsPm.fit(data, m, PlsPm.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column for item nope (block B)");
    }

    @Test
    void jsonReaderBuildsTheModel() {
        String json = """
                {"blocks": {"IMAG": ["imag1", "imag2"], "SAT": ["sat1", "sat\\u0032"]},
                 "paths": [["IMAG", "SAT"]],
                 "modes": {"IMAG": "A", "SAT": "A"}}
                """;
        PlsModel m = PlsModel.fromJson(json);
        assertThat(m.constructs()).containsExactly("IMAG", "SAT");
        assertThat(m.items("SAT")).containsExactly("sat1", "sat2");
        assertThat(m.paths()).containsExactly(new Path("IMAG", "SAT"));
        assertThat(PlsModel.fromJson("{\"paths\":[[\"A\",\"B\"]],\"blocks\":{\"A\":[\"a\"],\"B\":[\"b\"]}}")
                .constructs()).containsExactly("A", "B");
    }

    @Test
    void jsonOfTheEcsiModelFitsLikeTheBuiltIn() {
        StringBuilder json = new StringBuilder("{\"blocks\": {");
        PlsModel ecsi = EcsiModel.mobi();
        ecsi.blocks().forEach((c, items) -> json.append('"').append(c).append("\": [\"")
                .append(String.join("\", \"", items)).append("\"], "));
        json.setLength(json.length() - 2);
        json.append("}, \"paths\": [");
        ecsi.paths().forEach(p -> json.append("[\"").append(p.from()).append("\", \"").append(p.to()).append("\"], "));
        json.setLength(json.length() - 2);
        json.append("]}");
        PlsModel parsed = PlsModel.fromJson(json.toString());
        assertThat(parsed.blocks()).isEqualTo(ecsi.blocks());
        assertThat(parsed.paths()).isEqualTo(ecsi.paths());
        assertThat(PlsPm.fit(Mobi.data(), parsed, PlsPm.Options.defaults()).pathCoefficients())
                .isEqualTo(PlsPm.fit(Mobi.data(), ecsi, PlsPm.Options.defaults()).pathCoefficients());
    }

    @Test
    void jsonErrorsGiveLineAndColumn() {
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {\"A\": [\"a\"]},\n \"paths\" [[\"A\",\"B\"]]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model JSON, line 2, column 10: expected ':' after a key, found '['");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {}, \"paths\": [], \"extra\": 1}"))
                .hasMessageContaining("column 29: unknown key \"extra\"");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {}, \"blocks\": {}}"))
                .hasMessageContaining("key \"blocks\" is given twice");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {\"A\": [\"a\", 3]}, \"paths\": []}"))
                .hasMessageContaining("column 24: expected a name in quotes, found '3'");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {\"A\": [\"a\"]}, \"paths\": [[\"A\"]]}"))
                .hasMessageContaining("a path has two ends");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {}, \"paths\": []} x"))
                .hasMessageContaining("unexpected 'x' after the model object");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {\"A\": [\"a\"]}, \"paths\": []"))
                .hasMessageContaining("found end of input");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"paths\": []}")).hasMessageContaining("no \"blocks\"");
        assertThatThrownBy(() -> PlsModel.fromJson("{\"blocks\": {\"A\": [\"a\tb\"]}, \"paths\": []}"))
                .hasMessageContaining("control character '\\u0009' in a string");
        String twoBlocks = "{\"blocks\": {\"A\": [\"a\"], \"B\": [\"b\"]}, \"paths\": [[\"A\", \"B\"]], ";
        assertThatThrownBy(() -> PlsModel.fromJson(twoBlocks + "\"modes\": {\"A\": \"C\"}}"))
                .hasMessageContaining("mode must be \"A\" or \"B\", not \"C\"");
        // Well-formed but invalid models get the builder's message.
        assertThatThrownBy(() -> PlsModel.fromJson(twoBlocks + "\"modes\": {\"B\": \"B\"}}"))
                .hasMessageContaining("Mode B is not supported");
    }

    @Test
    void mangledJsonOnlyEverThrowsIllegalArgument() {
        String valid = "{\"blocks\": {\"IMAG\": [\"imag1\", \"imag2\"], \"SAT\": [\"sat1\"]},"
                + " \"paths\": [[\"IMAG\", \"SAT\"]], \"modes\": {\"IMAG\": \"A\"}}";
        String alphabet = "{}[]\",:\\ uAB01\n\t\u0000é";
        Random random = new Random(7);
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder s = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(4); edits > 0 && s.length() > 0; edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                PlsModel.fromJson(s.toString());
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThatThrownBy(() -> PlsModel.fromJson("[".repeat(100_000))).isInstanceOf(IllegalArgumentException.class);
    }

    private static PlsModel.Builder twoBlocks() {
        return PlsModel.builder().block("A", "a1").block("B", "b1");
    }
}
