"""The grants plugin's permissions; `hooks.norec_roles` says which role holds which."""

READ = "grants.read"  # see an application and its case
EDIT = "grants.edit"  # change the plan and budget
WITHDRAW = "grants.withdraw"  # take the application back
REPORT = "grants.report"  # hand in the final report
MANAGE = "grants.manage"  # run schemes and calls, move cases along, decide
ASSESS = "grants.assess"  # score an application
APPEAL = "grants.appeal"  # appeal a decision
PARTICIPANTS = "grants.participants"  # register the people exchanged
