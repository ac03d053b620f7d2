package io.fidelis.core.demo;

import java.nio.file.Path;

/**
 * The native-format CSV files of a generated business, with what was written; {@code surveyAnswers} holds the
 * demo's survey answers (response, survey, respondent, day, code, value).
 */
public record DemoFiles(Path products, Path customers, Path purchases, Path surveyAnswers,
                        int productCount, int customerCount, long orderCount, long lineCount) {
}
