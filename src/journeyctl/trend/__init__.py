"""`journeyctl trend`: how each journey's health moved through git history."""
