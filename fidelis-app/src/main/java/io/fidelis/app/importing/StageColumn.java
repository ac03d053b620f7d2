package io.fidelis.app.importing;

/** One column of an import's temporary staging table. */
record StageColumn(String name, String sqlType) {
}
