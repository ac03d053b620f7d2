package io.fidelis.core.demo;

import java.nio.file.Path;

/**
 * The native-format CSV files of a generated business, with what was written.
 */
public record DemoFiles(Path products, Path customers, Path purchases,
                        int productCount, int customerCount, long orderCount, long lineCount) {
}
