-- Complaint SLAs (issue #6): how far a complaint has been escalated (0 none, 1 the department head, 2 the manager)
-- and whether its handler was warned before a breach.
alter table complaint add column escalation integer default 0 not null;
alter table complaint add column warned boolean default false not null;
