package io.fidelis.core.demo;

import java.nio.file.Path;

/**
 * The native-format CSV files of a generated business, with what was written; {@code surveyAnswers} holds the
 * demo's survey answers (response, survey, respondent, day, code, value), {@code complaints} its complaints and
 * {@code deliveries} its orders' deliveries (native import format).
 */
public record DemoFiles(Path products, Path customers, Path purchases, Path surveyAnswers, Path complaints,
                        Path deliveries, int productCount, int customerCount, long orderCount, long lineCount) {
}
