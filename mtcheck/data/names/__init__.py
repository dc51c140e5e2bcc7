"""Name data: curated English forms of foreign names and transcription back-rules (MT1xx)."""
