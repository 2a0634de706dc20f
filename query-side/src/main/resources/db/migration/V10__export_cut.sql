-- An export finds the highest global sequence its checkpoint's tree holds by walking processed events from the
-- highest global sequence down until one is in the tree: a few steps with this index, a scan of every event without.
CREATE INDEX processed_event_global_sequence ON processed_event (global_sequence);
