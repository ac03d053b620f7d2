-- Deliveries of orders (issue 9, supply and delivery as satisfaction drivers): one delivery per order, with the day
-- promised, when it arrived (null while it has not), the warehouse it left from, and the lines it fell short on
-- (a quantity short-shipped, and whether the product was out of stock).

create table delivery (
    order_id     varchar(100) primary key,
    -- the order's customer, copied when the delivery is recorded, so that deliveries are read by customer without
    -- joining another capability's table
    customer_id  bigint       not null,
    warehouse    varchar(100) not null,
    promised_on  date         not null,
    delivered_at timestamp with time zone,
    updated_at   timestamp with time zone not null,
    constraint fk_delivery_purchase foreign key (order_id) references purchase (order_id)
);
create index ix_delivery_promised on delivery (promised_on);
create index ix_delivery_customer on delivery (customer_id, promised_on);
create index ix_delivery_warehouse on delivery (warehouse, promised_on);

create table delivery_shortfall (
    order_id       varchar(100)   not null,
    sku            varchar(100)   not null,
    quantity_short numeric(19, 4) not null,
    out_of_stock   boolean        not null,
    constraint pk_delivery_shortfall primary key (order_id, sku),
    constraint fk_delivery_shortfall_delivery foreign key (order_id) references delivery (order_id),
    constraint ck_delivery_shortfall_quantity check (quantity_short >= 0)
);

-- The staging table of `fidelis import deliveries` (see V2): one row per order, or one per short line of an order,
-- each repeating the order's delivery.
create table import_stage_deliveries (
    file_line      bigint       not null,
    order_id       varchar(100) not null,
    warehouse      varchar(100),
    promised_on    date,
    delivered_at   timestamp with time zone,
    sku            varchar(100),
    quantity_short numeric(19, 4),
    out_of_stock   boolean
);
create index ix_import_stage_deliveries on import_stage_deliveries (order_id);
