"""vssdk.procedures: linked procedures for ministries."""
