-- The language each customer answers surveys in (issue #5): the one they chose on the answer page, or the one
-- they were invited in, used for their next invitations.
create table survey_language (
    customer_id bigint      not null primary key,
    language    varchar(10) not null,
    updated_at  timestamp with time zone not null,
    constraint fk_survey_language_customer foreign key (customer_id) references customer (id)
);
