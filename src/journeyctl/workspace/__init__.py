"""Every byte in and out: discovery, reading, loading, settings, suppressions, writing, messages."""
