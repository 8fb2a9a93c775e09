"""Personal data (GDPR): consent records, export of all data on a person, erasure."""
