-- Fidelis schema, version 7: how widely each customer buys (cross-category and directional purchase, seed 004).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15+.
alter table loyalty_profile add column categories integer default 0 not null;
alter table loyalty_profile add column cross_category_share double precision;
alter table loyalty_profile add column top_brand_share double precision;
