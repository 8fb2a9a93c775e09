"""The research plugin's permissions: editors write and publish; reading is everyone's."""

EDIT = "research.edit"  # write drafts, add versions and files, see what is not public
PUBLISH = "research.publish"  # publish what was reviewed, withdraw what was published
READ = "research.read"  # a publication's files: everyone's once published, else editors'
PROPOSAL_READ = "research.proposal.read"  # a proposal and its file: editors, the proposer
