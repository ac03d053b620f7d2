package io.fidelis.app.visit;

/** How an account manager was in touch with a customer. */
public enum ContactKind {
    CALL, VISIT, EMAIL, MEETING
}
