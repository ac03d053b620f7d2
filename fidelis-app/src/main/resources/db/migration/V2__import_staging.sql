-- Staging tables for the CSV import. An import streams its valid rows here and merges them into the real tables,
-- all in one transaction; after its commit it truncates them again under the import lock (a crash before the commit
-- rolls the staged rows back; one between the commit and the truncation leaves them for the next import to remove).
-- They are permanent tables rather than temporary ones: H2 commits an open transaction on DDL, and after a crash
-- H2 cannot reopen a database whose undo log refers to a temporary table. One import runs at a time (import_lock).

create table import_lock (
    id integer primary key
);
insert into import_lock (id) values (1);

create table import_stage_customers (
    file_line           bigint       not null,
    external_id         varchar(100) not null,
    name                varchar(200),
    email               varchar(254),
    phone               varchar(50),
    region              varchar(100),
    segment             varchar(100),
    acquired_on         date,
    acquisition_channel varchar(100),
    referred_by_ext     varchar(100),
    account_manager     varchar(100),
    marketing_consent   boolean,
    time_zone           varchar(64)
);
create index ix_import_stage_customers on import_stage_customers (external_id);
create index ix_import_stage_customers_ref on import_stage_customers (referred_by_ext);

create table import_stage_products (
    file_line bigint       not null,
    sku       varchar(100) not null,
    name      varchar(300),
    category  varchar(100),
    brand     varchar(100),
    unit_cost numeric(19, 4)
);
create index ix_import_stage_products on import_stage_products (sku);

create table import_stage_purchases (
    file_line         bigint         not null,
    order_id          varchar(100)   not null,
    line_no           integer        not null,
    customer_ext      varchar(100)   not null,
    purchased_at      timestamp with time zone not null,
    sku               varchar(100),
    quantity          numeric(19, 4) not null,
    unit_price        numeric(19, 4) not null,
    unit_cost         numeric(19, 4),
    category          varchar(100),
    channel           varchar(50),
    original_order_id varchar(100),
    -- ORDER or RETURN, for the whole order: the importer completes each order before staging it
    order_kind        varchar(10)
);
create index ix_import_stage_purchases on import_stage_purchases (order_id, line_no);

create table import_stage_purchases_orders (
    order_id          varchar(100) primary key,
    customer_id       bigint,
    purchased_at      timestamp with time zone,
    channel           varchar(50),
    kind              varchar(10),
    original_order_id varchar(100)
);
