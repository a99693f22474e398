"""vssdk.benefits: server-side calculators backed by vssdk.benefits."""
