package io.fidelis.core.csv;

/**
 * Why one row (or the header, line 1) of an import file was refused.
 *
 * @param file   the file name as given by the user
 * @param line   the 1-based physical line where the record starts (the header is line 1)
 * @param field  the field or column concerned, or {@code null} when the whole row is concerned
 * @param reason a plain-words reason
 */
public record RowError(String file, long line, String field, String reason) {

    /** {@code file:line: field 'x': reason}, the form used on the console and in the API. */
    public String message() {
        String where = file + ":" + line + ": ";
        return field == null ? where + reason : where + "field '" + field + "': " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
