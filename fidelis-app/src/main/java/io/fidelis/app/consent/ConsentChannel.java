package io.fidelis.app.consent;

/** A channel of marketing contact: each has its own consent. */
public enum ConsentChannel { EMAIL, SMS, PHONE, POST }
