"""vssdk.sandbox: sandbox-only operations: health, reset, OTP outbox."""
