package io.fidelis.app.winback;

/** What the account manager did to win the customer back. */
public enum WinBackAction {
    CALL, VISIT, EMAIL, OFFER, DISCOUNT, GIFT, NONE
}
