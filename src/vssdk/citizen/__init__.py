"""vssdk.citizen: what a citizen sees and does in VssID."""
