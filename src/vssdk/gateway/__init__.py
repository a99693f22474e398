"""vssdk.gateway: the real assessment gateway's own wire protocol."""
