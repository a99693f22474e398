"""vssdk.identity: login, tokens, devices and the OpenID Connect endpoints."""
