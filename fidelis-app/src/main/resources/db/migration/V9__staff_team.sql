-- The team of a staff member (issue #5): employee pulse answers are compared, team by team, with the satisfaction
-- of the customers the team's account managers look after.
alter table staff_user add column team varchar(100);
