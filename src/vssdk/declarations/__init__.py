"""vssdk.declarations: employer declarations filed by I-VAN vendors."""
