"""Writers (and readers) of standard bill-of-materials documents."""
