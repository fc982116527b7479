-- Summaries filter on a time range and usually on event types (and on the owner for a node owner). SQLite keeps
-- no planner statistics unless ANALYZE runs, and without them it prefers an equality on an index (type or
-- user_id) over a range: a day's summary of access decisions walked audit_event_type_seq over every decision
-- ever stored (1.0-6.4 s at 1,000,000 records, console benchmark). These indexes make the time range part of
-- the search key. PostgreSQL plans from its own statistics and needs neither.
CREATE INDEX audit_event_type_time ON audit_event (type, event_time);
CREATE INDEX audit_event_user_type_time ON audit_event (user_id, type, event_time);
