package io.fidelis.app.complaint;

/** How serious a complaint is; the SLA times depend on it. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
