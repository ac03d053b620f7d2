package io.fidelis.app.cli;

import picocli.CommandLine;

/** The {@code fidelis} command. {@code ./fidelis} at the repository root builds the jar if needed and runs this. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new FidelisCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        int code = cli.execute(args);
        if (!ServeCommand.serving) {
            System.exit(code);
        }
    }
}
