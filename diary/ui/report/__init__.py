"""The Export report dialog (`dialog`) and its choice of baseline (`baseline`)."""
