package io.fidelis.app.importing;

/** One column of an import's staging table (the tables are created by migration V2). */
record StageColumn(String name) {
}
