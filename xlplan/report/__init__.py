"""Output formats: how results are shown to people and handed to other programs."""
