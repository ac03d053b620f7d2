-- A customer's CLV percentile (the value tier of the next best action on the Customer 360) counts the profiles at
-- or below their CLV: through this index, without reading every profile.
create index ix_loyalty_profile_clv on loyalty_profile (clv);
