"""The report pack after a loss (issue 17): a short form of what the bank and police will ask, and the pack made
from it (one message and a picture to show at a counter)."""
