"""vssdk.lookups: public look-ups and reference data (no login)."""
