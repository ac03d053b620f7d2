package io.fidelis.app.survey;

/** Who answers a survey: customers, employees (the "internal customers"), or mystery shoppers. */
public enum Audience {
    CUSTOMER, EMPLOYEE, MYSTERY_SHOPPER
}
