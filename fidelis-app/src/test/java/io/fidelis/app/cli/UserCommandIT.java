package io.fidelis.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine;

/** {@code fidelis user add|password|list} through the real command line, each starting the application. */
class UserCommandIT {
    // A file database, as in real use: each command opens and closes it. (An in-memory database kept open across
    // the commands' contexts with DB_CLOSE_DELAY=-1 made H2 2.4.240 report "Check constraint invalid" on updates.)
    private static String url;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void database(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        url = "jdbc:h2:file:" + dir.resolve("fidelis");
        System.setProperty("spring.datasource.url", url);
        System.setProperty("fidelis.security.admin-password", "admin-password-for-cli-test");
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.clearProperty("spring.datasource.url");
        System.clearProperty("fidelis.security.admin-password");
    }

    private int run(String... args) {
        return runWithInput("", args);
    }

    private int runWithInput(String input, String... args) {
        java.io.InputStream originalIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return capture(args);
        } finally {
            System.setIn(originalIn);
        }
    }

    private int capture(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new FidelisCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @Test
    void addAUserSetAPasswordAndList() throws Exception {
        String password = "a-long-enough-secret";
        assertThat(runWithInput(password + "\n", "user", "add", "ann.manager", "--role", "account_manager",
                "--name", "Ann", "--password-stdin")).as(() -> err.toString()).isZero();
        String hash = query("select password_hash from staff_user where username = 'ann.manager'").get(0);
        assertThat(new BCryptPasswordEncoder().matches(password, hash)).isTrue();
        assertThat(query("select role || ' ' || enabled from staff_user where username = 'ann.manager'"))
                .containsExactly("ACCOUNT_MANAGER TRUE");
        assertThat(runWithInput("short\n", "user", "add", "bo", "--role", "AGENT", "--password-stdin")).isEqualTo(1);
        assertThat(query("select count(*) from staff_user where username = 'bo'")).containsExactly("0");

        assertThat(run("user", "add", "ann.manager", "--role", "AGENT")).isEqualTo(1);

        String second = "another-long-secret";
        assertThat(runWithInput(second + "\n", "user", "password", "ann.manager", "--password-stdin"))
                .as(() -> err.toString()).isZero();
        String newHash = query("select password_hash from staff_user where username = 'ann.manager'").get(0);
        assertThat(new BCryptPasswordEncoder().matches(second, newHash)).isTrue();
        assertThat(runWithInput(second + "\n", "user", "password", "nobody", "--password-stdin")).isEqualTo(1);

        assertThat(run("user", "list")).isZero();
        assertThat(out.toString()).contains("ann.manager").contains("ACCOUNT_MANAGER").contains("admin");
        assertThat(query("select action from audit_event where entity_type = 'staff_user'"
                + " and entity_id = 'ann.manager' order by id")).containsExactly("create", "set-password");
        // Audit entries never hold a password or its hash.
        assertThat(query("select coalesce(new_value, '') from audit_event where entity_type = 'staff_user'"))
                .noneMatch(v -> v.contains(password) || v.contains(second) || v.contains("$2a$"));
    }
}
