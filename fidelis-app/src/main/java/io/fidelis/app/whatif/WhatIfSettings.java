package io.fidelis.app.whatif;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the retention what-if ({@code fidelis.whatif.*}); the README documents each default. The form on the
 * page and the CLI flags override them for one scenario. ({@code fidelis.retention.*} is taken: it is how long free
 * text is kept.)
 *
 * @param acquisitionCost     what winning one new customer costs (money)
 * @param costPerCustomerYear what keeping one active customer costs a year in the retention programme (money)
 * @param retention           the retention improvement the page starts with, in points
 * @param horizonMonths       how far ahead the scenario looks
 * @param draws               parameter draws for the uncertainty band of the margin uplift (0: no band)
 */
@ConfigurationProperties("fidelis.whatif")
public record WhatIfSettings(@DefaultValue("100") double acquisitionCost,
                             @DefaultValue("15") double costPerCustomerYear, @DefaultValue("5") double retention,
                             @DefaultValue("12") int horizonMonths, @DefaultValue("200") int draws) {
}
