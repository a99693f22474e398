"""vssdk.cards: BHYT card checks at reception and card identifiers."""
