package io.fidelis.app.cli;

import picocli.CommandLine.Command;

@Command(name = "fidelis", mixinStandardHelpOptions = true, version = "Fidelis 0.1.0",
        description = "Customer satisfaction and loyalty for small and medium businesses.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, UserCommand.class, ScoreCommand.class,
                ClvCommand.class, SatisfactionIndexCommand.class, ChurnCommand.class, WhatIfCommand.class, BackupCommand.class,
                BackupCommand.Restore.class,
                BenchCommand.class})
class FidelisCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
