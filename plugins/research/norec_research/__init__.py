"""Research and knowledge publishing: reports, studies and their summaries."""
