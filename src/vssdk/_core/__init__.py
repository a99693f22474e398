"""Private core shared by every service area: operations, requests, decoding, retries, transport."""
