-- WorkSpec.traceTag (WorkRequest.Builder.setTraceTag, androidx 2.10): the trace span's name, nullable as in
-- androidx; rows written before this migration read as the worker's name, the default androidx derives.
ALTER TABLE work_spec ADD COLUMN trace_tag TEXT;
