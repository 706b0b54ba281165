"""Hand transcriptions of the two real plans in ../shared/seeds, as data.

The fixture builder (tests/fixtures.py) writes them to .xlsx with xlsxwriter in
several layouts; the expected counts below each transcription were worked out
by hand from the seed text, not by running xlplan.
"""
