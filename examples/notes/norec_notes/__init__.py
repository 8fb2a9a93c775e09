"""An example plugin: notes on people, with a workflow, a reminder, a job, a field on the
person record, an API endpoint, a mailing list, search and translations."""
