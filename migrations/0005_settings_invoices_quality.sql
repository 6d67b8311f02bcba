-- Feature requests, invoices' customers and the data-quality summary.

-- A member asking twice for the same feature while the first request is pending gets the same request back:
-- at most one pending request per organization and flag, even when two clicks race.
create unique index feature_requests_pending_idx on feature_requests (organization_id, flag)
  where handled_at is null;
-- The instance-wide list of pending requests (operators), oldest first.
create index feature_requests_pending_time_idx on feature_requests (requested_at)
  where handled_at is null;

-- Data quality: contacts without any position are counted per organization without reading every contact.
create index contacts_without_position_idx on contacts (organization_id, customer_id)
  where positions = '{}';

-- Customers of one dunning plan (the "no recipient for this step" count, and the set-null when a plan goes).
create index customers_dunning_plan_idx on customers (organization_id, dunning_plan_id)
  where dunning_plan_id is not null;
