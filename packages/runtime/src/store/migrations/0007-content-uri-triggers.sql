-- Content-URI triggers (androidx Constraints.contentUriTriggers and the two trigger delays), in androidx's
-- columns: the triggers as WorkTypeConverters writes them (empty for none, so LENGTH() tells trigger work
-- apart), the delays in ms with -1 for "the system's default".
ALTER TABLE work_spec ADD COLUMN trigger_content_update_delay INTEGER NOT NULL DEFAULT -1;
ALTER TABLE work_spec ADD COLUMN trigger_max_content_delay INTEGER NOT NULL DEFAULT -1;
ALTER TABLE work_spec ADD COLUMN content_uri_triggers BLOB NOT NULL DEFAULT x'';
