"""The network plugin's pages, a module for each part of the job."""
