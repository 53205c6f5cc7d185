"""The REST API under /api/: the estate, inventory, findings and decisions, with the pages' permission rules."""
