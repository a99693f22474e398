"""vssdk.claims: claim data sent by health facilities (QĐ 130/4750/3176)."""
