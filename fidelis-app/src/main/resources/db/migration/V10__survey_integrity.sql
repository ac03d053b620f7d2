-- Surveys (issue #5), after review: a customer is invited to a survey at most once (two invitation runs at the
-- same moment cannot both invite them), follow-ups are found by their response, and the ids refer to real rows.
alter table survey_invitation add constraint uk_survey_invitation_customer unique (survey_id, customer_id);
create index ix_survey_follow_up_response on survey_follow_up (response_id);
alter table survey_invitation add constraint fk_survey_invitation_customer foreign key (customer_id)
    references customer (id);
alter table survey_response add constraint fk_survey_response_customer foreign key (customer_id)
    references customer (id);
alter table survey_follow_up add constraint fk_survey_follow_up_customer foreign key (customer_id)
    references customer (id);
alter table survey_follow_up add constraint fk_survey_follow_up_manager foreign key (account_manager_id)
    references staff_user (id);
