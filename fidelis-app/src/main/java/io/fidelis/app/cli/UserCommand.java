package io.fidelis.app.cli;

import java.io.Console;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Staff users: add one, set a password, list them.",
        subcommands = {UserCommand.Add.class, UserCommand.Password.class, UserCommand.ListUsers.class})
class UserCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * The new password: the first line of standard input with {@code --password-stdin}, else
     * {@code FIDELIS_NEW_PASSWORD} if set, else asked on the terminal, else generated and printed.
     */
    static String newPassword(boolean fromStdin) {
        if (fromStdin) {
            try {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line.strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String fromEnv = System.getenv("FIDELIS_NEW_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("New password (at least 12 characters): ");
            if (typed != null && typed.length > 0) {
                return new String(typed);
            }
        }
        byte[] random = new byte[15];
        new java.security.SecureRandom().nextBytes(random);
        String generated = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        System.out.println("Generated password (shown once): " + generated);
        return generated;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a staff user with a login.")
    static class Add implements Callable<Integer> {
        @Parameters(index = "0", description = "login name")
        String username;

        @Option(names = "--role", required = true,
                description = "ADMIN, MANAGER, ACCOUNT_MANAGER, AGENT or ANALYST")
        Role role;

        @Option(names = "--name", description = "display name")
        String name;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                StaffDirectory staff = context.getBean(StaffDirectory.class);
                String password = newPassword(passwordStdin);
                if (password.length() < 12) {
                    System.err.println("Not added: the password must have at least 12 characters");
                    return 1;
                }
                StaffMember m = staff.create(username, name, role, password);
                System.out.println("Added " + m.username() + " (" + m.role() + ")");
                return 0;
            } catch (RuntimeException e) {
                System.err.println("Not added: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Set a staff user's password and enable their login (for instance an account manager"
                    + " created by a customer import).")
    static class Password implements Callable<Integer> {
        @Parameters(index = "0", description = "login name")
        String username;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                context.getBean(StaffDirectory.class).setPassword(username, newPassword(passwordStdin));
                System.out.println("Password set for " + username);
                return 0;
            } catch (RuntimeException e) {
                System.err.println("Not changed: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the staff users.")
    static class ListUsers implements Callable<Integer> {
        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.start(false, Map.of())) {
                for (StaffMember m : context.getBean(StaffDirectory.class).list()) {
                    System.out.printf("%-24s %-16s %s%n", m.username(), m.role(),
                            m.displayName() == null ? "" : m.displayName());
                }
                return 0;
            }
        }
    }
}
