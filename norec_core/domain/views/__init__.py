"""The pages of the shared domain's records: lists, details, add and edit forms."""
