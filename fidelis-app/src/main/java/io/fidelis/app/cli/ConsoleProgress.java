package io.fidelis.app.cli;

import java.io.PrintStream;

import io.fidelis.app.importing.ImportProgress;

/**
 * A one-line progress bar on the terminal; silent when the output is not a terminal, unless the environment sets
 * {@code FIDELIS_PROGRESS=always}.
 */
final class ConsoleProgress implements ImportProgress {
    private static final int WIDTH = 30;
    private final String label;
    private final PrintStream out;
    private final boolean enabled;
    private long lastPrinted;

    ConsoleProgress(String label) {
        this.label = label;
        this.out = System.err;
        this.enabled = System.console() != null || "always".equals(System.getenv("FIDELIS_PROGRESS"));
    }

    @Override
    public void update(long bytesRead, long totalBytes, long rows) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean done = totalBytes > 0 && bytesRead >= totalBytes;
        if (!done && now - lastPrinted < 200_000_000L) {
            return;
        }
        lastPrinted = now;
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        out.printf("\r%-10s [%s%s] %3d%%  %,d rows  %.1f/%.1f MB", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(fraction * 100), rows, bytesRead / 1e6,
                Math.max(0, totalBytes) / 1e6);
        if (done) {
            out.println();
        }
        out.flush();
    }
}
