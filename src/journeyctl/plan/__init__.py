"""`journeyctl plan`: every opportunity as a plan item by priority, owner and date."""
