"""The grants plugin's forms, a module per page family as the views are: colander schemas
made of the core's field builders, validated at the field they concern."""
