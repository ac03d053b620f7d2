package io.fidelis.app.winback;

/** Where a lost-customer case stands: open, or its outcome. */
public enum LostCaseStatus {
    OPEN, WON_BACK, DECLINED, UNREACHABLE
}
