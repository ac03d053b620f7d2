package io.fidelis.core.demo;

import java.nio.file.Path;

/**
 * The native-format CSV files of a generated business, with what was written; {@code surveyAnswers} holds the
 * demo's survey answers (response, survey, respondent, day, code, value) and {@code complaints} its complaints.
 */
public record DemoFiles(Path products, Path customers, Path purchases, Path surveyAnswers, Path complaints,
                        int productCount, int customerCount, long orderCount, long lineCount) {
}
