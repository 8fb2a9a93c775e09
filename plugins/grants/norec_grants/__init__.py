"""Grant administration (tilskotsforvaltning) for the Norec platform."""
