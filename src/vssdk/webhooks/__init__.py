"""vssdk.webhooks: webhook subscriptions."""
