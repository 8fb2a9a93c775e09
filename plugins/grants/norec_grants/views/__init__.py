"""The grants plugin's pages, a module for each kind of record they show."""
