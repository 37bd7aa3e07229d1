-- Workscript runtime schema v1. Mirrors androidx.work's WorkDatabase (WorkSpec, Dependency, WorkTag,
-- WorkName, WorkProgress, Preference); enum columns hold androidx's database ids (WorkTypeConverters).
CREATE TABLE work_spec (
  id TEXT NOT NULL PRIMARY KEY,
  state INTEGER NOT NULL,
  worker_name TEXT NOT NULL,
  input_merger TEXT NOT NULL,
  input BLOB NOT NULL,
  output BLOB NOT NULL,
  initial_delay INTEGER NOT NULL,
  interval_duration INTEGER NOT NULL,
  flex_duration INTEGER NOT NULL,
  run_attempt_count INTEGER NOT NULL,
  backoff_policy INTEGER NOT NULL,
  backoff_delay_duration INTEGER NOT NULL,
  backoff_criteria_set INTEGER NOT NULL,
  last_enqueue_time INTEGER NOT NULL DEFAULT -1,
  minimum_retention_duration INTEGER NOT NULL,
  schedule_requested_at INTEGER NOT NULL,
  expedited INTEGER NOT NULL,
  out_of_quota_policy INTEGER NOT NULL,
  period_count INTEGER NOT NULL DEFAULT 0,
  generation INTEGER NOT NULL DEFAULT 0,
  next_schedule_time_override INTEGER NOT NULL DEFAULT 9223372036854775807,
  next_schedule_time_override_generation INTEGER NOT NULL DEFAULT 0,
  stop_reason INTEGER NOT NULL DEFAULT -256,
  backoff_on_system_interruptions INTEGER NOT NULL DEFAULT 0,
  required_network_type INTEGER NOT NULL,
  requires_charging INTEGER NOT NULL,
  requires_device_idle INTEGER NOT NULL,
  requires_battery_not_low INTEGER NOT NULL,
  requires_storage_not_low INTEGER NOT NULL
);
CREATE INDEX index_work_spec_schedule_requested_at ON work_spec (schedule_requested_at);
CREATE INDEX index_work_spec_last_enqueue_time ON work_spec (last_enqueue_time);

CREATE TABLE dependency (
  work_spec_id TEXT NOT NULL,
  prerequisite_id TEXT NOT NULL,
  PRIMARY KEY (work_spec_id, prerequisite_id),
  FOREIGN KEY (work_spec_id) REFERENCES work_spec (id) ON UPDATE CASCADE ON DELETE CASCADE,
  FOREIGN KEY (prerequisite_id) REFERENCES work_spec (id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX index_dependency_work_spec_id ON dependency (work_spec_id);
CREATE INDEX index_dependency_prerequisite_id ON dependency (prerequisite_id);

CREATE TABLE work_tag (
  tag TEXT NOT NULL,
  work_spec_id TEXT NOT NULL,
  PRIMARY KEY (tag, work_spec_id),
  FOREIGN KEY (work_spec_id) REFERENCES work_spec (id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX index_work_tag_work_spec_id ON work_tag (work_spec_id);

CREATE TABLE work_name (
  name TEXT NOT NULL,
  work_spec_id TEXT NOT NULL,
  PRIMARY KEY (name, work_spec_id),
  FOREIGN KEY (work_spec_id) REFERENCES work_spec (id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX index_work_name_work_spec_id ON work_name (work_spec_id);

CREATE TABLE work_progress (
  work_spec_id TEXT NOT NULL PRIMARY KEY,
  progress BLOB NOT NULL,
  FOREIGN KEY (work_spec_id) REFERENCES work_spec (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE preference (
  key TEXT NOT NULL PRIMARY KEY,
  long_value INTEGER
);

-- ctx.storage: app-wide key-value strings that outlive runs (SharedPreferences on Android).
CREATE TABLE worker_storage (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
