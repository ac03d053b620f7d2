package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One calendar month (UTC) of the business: revenue and margin net of returns, customers gained (first order in the
 * month) and lost (the month in which their silence since the last order reached the lost threshold).
 */
public record MonthFigures(YearMonth month, BigDecimal revenue, BigDecimal margin, long gained, long lost) {
}
